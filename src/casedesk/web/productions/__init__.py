"""Productions (Bates-numbered volumes with load files) and trial binders of a matter."""
