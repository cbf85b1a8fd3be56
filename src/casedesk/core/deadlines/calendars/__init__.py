"""Court calendars as data: one TOML file per calendar (see ``calendar_data.py``)."""
