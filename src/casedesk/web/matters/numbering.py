"""Matter numbers from the firm's configurable pattern (``CASEDESK_MATTER_NUMBER_PATTERN``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

AREA_CODES = {
    "litigation": "LIT",
    "employment": "EMP",
    "family": "FAM",
    "estate": "EST",
    "real-estate": "RE",
    "corporate": "CORP",
    "personal-injury": "PI",
    "immigration": "IMM",
    "criminal": "CRIM",
    "bankruptcy": "BK",
    "ip": "IP",
    "landlord-tenant": "LT",
}


def format_matter_number(pattern: str, *, year: int, seq: int, area: str) -> str:
    """Fill the pattern's ``{year}``, ``{seq}`` and ``{area}`` fields."""
    try:
        return pattern.format(year=year, seq=seq, area=AREA_CODES.get(area, area.upper()))
    except (KeyError, IndexError, ValueError) as exc:
        raise ServiceError(
            f"The matter number pattern {pattern!r} is invalid: use {{year}}, {{seq}} and {{area}}."
        ) from exc


def next_matter_number(*, area: str, today: dt.date | None = None) -> str:
    """The next free number for ``area`` in the current year."""
    pattern = settings.CASEDESK_MATTER_NUMBER_PATTERN
    year = (today or dt.date.today()).year
    seq = Matter.objects.filter(created_at__year=year).count() + 1
    for _ in range(10_000):
        number = format_matter_number(pattern, year=year, seq=seq, area=area)
        if not Matter.objects.filter(number=number).exists():
            return number
        seq += 1
    raise ServiceError("Could not find a free matter number; check the numbering pattern.")
