"""Template tags of the scheduling app."""
