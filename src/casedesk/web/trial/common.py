"""Checks every trial service shares: the matter is visible and the user may write, and the
text fields are clean (one line or several, within their limits)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from casedesk.web.access import AccessDenied, require_writer, visible_matters
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling.event_services import clean_text
from casedesk.web.trial.models import DEFAULT_PROCEEDING

PROCEEDING_LIMIT = 200
TEXT_LIMIT = 5_000


def require_matter_writer(by: Any, matter: Matter) -> None:
    """Refuse a read-only user, and a matter ``by`` may not see (as if it did not exist)."""
    require_writer(by)
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise AccessDenied("No such matter.")


def one_line(value: object, *, label: str, field: str, limit: int, required: bool = False) -> str:
    """One line of text: NFC, whitespace collapsed, no control characters, within ``limit``."""
    return clean_text(value, field=field, label=label, limit=limit, required=required)


def lines(
    value: object, *, label: str, field: str, limit: int = TEXT_LIMIT, required: bool = False
) -> str:
    """Text of several lines: each line's spaces collapsed, empty lines at the ends dropped."""
    text = unicodedata.normalize("NFC", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    rows = [" ".join(row.split()) for row in text.split("\n")]
    text = "\n".join(rows).strip("\n")
    if required and not text.strip():
        raise ServiceError(f"{label} is required.", field=field)
    if len(text) > limit:
        raise ServiceError(
            f"{label} is {len(text):,} characters long; the limit is {limit:,}.", field=field
        )
    if any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in text):
        raise ServiceError(f"{label} contains control characters.", field=field)
    return text


def clean_proceeding(value: object) -> str:
    """The proceeding's name ("Trial" when none is given)."""
    text = one_line(value, label="Proceeding", field="proceeding", limit=PROCEEDING_LIMIT)
    return text or DEFAULT_PROCEEDING


def check_date(day: dt.date | None, *, label: str, field: str) -> dt.date | None:
    """Refuse an implausible date (a typo like 0203 or 20270)."""
    if day is not None and not 1900 <= day.year <= 2100:
        raise ServiceError(f"{label} {day:%Y-%m-%d} is not a plausible date.", field=field)
    return day
