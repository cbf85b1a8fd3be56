"""A matter's free-text court read into caption parts."""

from __future__ import annotations

import pytest

from casedesk.core.drafting import CourtCaption, court_caption
from casedesk.core.drafting.captions import COURT_FAMILIES


@pytest.mark.parametrize(
    ("text", "family", "district", "county", "judicial_district"),
    [
        # the demo courts
        (
            "U.S. District Court for the Northern District of California",
            "federal",
            "Northern District of California",
            "",
            "",
        ),
        ("Superior Court of California, County of Alameda", "ca", "", "Alameda", ""),
        ("Supreme Court of the State of New York, County of New York", "ny", "", "New York", ""),
        (
            "Texas District Court, Harris County (189th Judicial District)",
            "tx",
            "",
            "Harris",
            "189th",
        ),
        # others
        (
            "U.S. District Court for the Southern District of New York",
            "federal",
            "Southern District of New York",
            "",
            "",
        ),
        (
            "Superior Court of California, County of Los Angeles (Family Law)",
            "ca",
            "",
            "Los Angeles",
            "",
        ),
        (
            "Superior Court of California, County of San Luis Obispo",
            "ca",
            "",
            "San Luis Obispo",
            "",
        ),
        (
            "District Court of Harris County, Texas, 189th Judicial District",
            "tx",
            "",
            "Harris",
            "189th",
        ),
        ("New York County Supreme Court", "ny", "", "New York", ""),
        ("U.S. District Court, N.D. Cal.", "federal", "Northern District of California", "", ""),
        (
            "United States District Court for the District of Columbia",
            "federal",
            "District of Columbia",
            "",
            "",
        ),
        ("Ninth Circuit", "federal", "", "", ""),
        ("Circuit Court of Cook County, Illinois", "other", "", "", ""),
        ("", "other", "", "", ""),
        ("   ", "other", "", "", ""),
    ],
)
def test_court_caption(
    text: str, family: str, district: str, county: str, judicial_district: str
) -> None:
    caption = court_caption(text)
    assert caption == CourtCaption(
        " ".join(text.split()), family, district, county, judicial_district
    )
    assert caption.family in COURT_FAMILIES


def test_the_name_keeps_the_text_with_whitespace_collapsed() -> None:
    caption = court_caption("  Superior Court of California,\n County of Alameda ")
    assert caption.name == "Superior Court of California, County of Alameda"
    assert caption.county == "Alameda"
