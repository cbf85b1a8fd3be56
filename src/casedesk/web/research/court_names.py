"""Readable court names ("Supreme Court of the United States") for the court ids opinions carry
("scotus"), from courts-db. Filters and the index keep the id; pages show the name."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    try:
        from courts_db import courts
    except Exception:  # courts-db missing or unreadable: show the ids
        return {}
    return {str(c["id"]): str(c["name"]) for c in courts if c.get("id") and c.get("name")}


def court_name(court_id: str) -> str:
    """The court's name, or the id itself when courts-db does not know it."""
    return _names().get(court_id, court_id) if court_id else court_id
