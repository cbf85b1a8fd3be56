"""Exhibits, witness lists and privilege logs of a matter for a hearing or trial."""
