"""A matter's free-text court read into the parts a caption prints.

A matter's Court field is typed by hand ("U.S. District Court for the Northern District of
California", "Superior Court of California, County of Alameda"). Templates need its pieces:
which family of caption to use (federal, California, New York, Texas, other), the federal
district, the county and a Texas judicial district.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casedesk.core.deadlines.chains import guess_court

COURT_FAMILIES = ("federal", "ca", "ny", "tx", "other")

_DIRECTIONS = "Northern|Southern|Eastern|Western|Central|Middle"
_DISTRICT = re.compile(
    rf"\b(?:(?P<direction>{_DIRECTIONS})\s+)?District\s+of\s+"
    r"(?P<place>(?:the\s+)?[A-Z][^\s,()]*(?:\s+[A-Z][^\s,()]*)*)"
)
_SHORT_DISTRICT = re.compile(
    r"\b(?P<direction>[NSECWM])\.?\s?D\.?\s*(?P<state>Cal|N\.?\s?Y|Tex)\b\.?", re.IGNORECASE
)
_SHORT_DIRECTIONS = {
    "n": "Northern",
    "s": "Southern",
    "e": "Eastern",
    "w": "Western",
    "c": "Central",
    "m": "Middle",
}
_SHORT_STATES = {"cal": "California", "ny": "New York", "tex": "Texas"}
_WORD = r"[^\W\d_][^\s,()]*"
_COUNTY_OF = re.compile(rf"\bCounty\s+of\s+(?P<county>{_WORD}(?:\s+{_WORD})*)")
_X_COUNTY = re.compile(r"(?P<before>[^,()]*?)\s*\bCounty\b")
_NOT_COUNTY = {
    "court",
    "courts",
    "district",
    "superior",
    "supreme",
    "circuit",
    "judicial",
    "state",
    "of",
    "the",
    "for",
    "in",
    "and",
    "texas",
    "california",
}
_JUDICIAL_DISTRICT = re.compile(r"\b(?P<number>\d+(?:st|nd|rd|th))\s+(?:Judicial\s+)?District\b")


@dataclass(frozen=True)
class CourtCaption:
    """A court's caption parts: ``family`` is one of ``COURT_FAMILIES``; unknown parts are ""."""

    name: str
    family: str
    district: str
    county: str
    judicial_district: str


def _federal_district(text: str) -> str:
    """A federal district ("Northern District of California") from its long or short spelling."""
    found = _DISTRICT.search(text)
    if found:
        direction = found.group("direction")
        place = found.group("place").rstrip(".")
        return f"{direction} District of {place}" if direction else f"District of {place}"
    short = _SHORT_DISTRICT.search(text)
    if short:
        direction = _SHORT_DIRECTIONS[short.group("direction").lower()]
        state = _SHORT_STATES[re.sub(r"[\s.]", "", short.group("state")).lower()]
        return f"{direction} District of {state}"
    return ""


def _county(text: str) -> str:
    """The county a state court sits in: "County of Alameda" or "Harris County" -> the name."""
    found = _COUNTY_OF.search(text)
    if found:
        return found.group("county").rstrip(".")
    for match in _X_COUNTY.finditer(text):
        words: list[str] = []
        for word in reversed(match.group("before").split()):
            if word.lower() in _NOT_COUNTY or not word[:1].isupper() or len(words) == 3:
                break
            words.insert(0, word)
        if words:
            return " ".join(words)
    return ""


def court_caption(text: str) -> CourtCaption:
    """The caption parts of a free-text court; a court casedesk does not recognise is "other".

    "U.S. District Court for the Northern District of California" -> federal, district
    "Northern District of California"; "Superior Court of California, County of Alameda" ->
    ca, county "Alameda"; "Supreme Court of the State of New York, County of New York" -> ny,
    county "New York"; "Texas District Court, Harris County (189th Judicial District)" -> tx,
    county "Harris", judicial district "189th". The family comes from
    ``core.deadlines.chains.guess_court`` (a federal court in any state is "federal").
    """
    name = " ".join((text or "").split())
    court = guess_court(name)
    if court is None:
        return CourtCaption(name, "other", "", "", "")
    if court.startswith("federal"):
        return CourtCaption(name, "federal", _federal_district(name), "", "")
    judicial = ""
    if court == "tx":
        found = _JUDICIAL_DISTRICT.search(name)
        judicial = found.group("number") if found else ""
    return CourtCaption(name, court, "", _county(name), judicial)


__all__ = ["COURT_FAMILIES", "CourtCaption", "court_caption"]
