"""Property tests: find_fields never raises, and every field points into the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.core.extract.fields import find_fields
from casedesk.core.extract.fields.layout import MAX_PASSAGE

SNIPPETS = [
    "UNITED STATES DISTRICT COURT\n", "NORTHERN DISTRICT OF CALIFORNIA\n",
    "SUPERIOR COURT OF THE STATE OF CALIFORNIA\n", "FOR THE COUNTY OF LOS ANGELES\n",
    "IN THE DISTRICT COURT OF", "DALLAS COUNTY, TEXAS", "134TH JUDICIAL DISTRICT",
    "JANE DOE, an individual,", "          )   ", "   §   ", "Plaintiff,", "Defendants.",
    "\n     v.\n", " -against- ", "ACME CORP., a Delaware corporation; and DOES 1 through 50,",
    "Case No. 2:24-cv-01234-ABC", "Index No. 654321/2024", "Cause No. DC-24-01234",
    "Re: Doe v. Acme Corp.,", "Date: January 5, 2027", "Time: 9:00 a.m.", "Dept.: 12",
    "the hearing is set for", "continued to", "or as soon thereafter", "01/05/27",
    "the 5th day of January, 2027", "within twenty-one (21) days after service of this order",
    "no later than 10 court days before the hearing", "within 48 hours of", "on or before",
    "February 30, 2027", "(Rev. 01/2020)", "410 U.S. 113 (1973)", "(213) 555-0123", "In re:",
    "Debtors.", "PLAINTIFF/PETITIONER:", "NGUYỄN THỊ HOA", "عبد الرحمن", " et al.", "\n\n",
    "\n 12   ", "..........", "\f", "\t", ". ", ", ", "(", ")",
]  # fmt: skip

legal_text = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12)), max_size=40).map(
    "".join
)


def _check(text: str) -> None:
    fields = find_fields(text)
    starts = [f.start for f in fields]
    assert starts == sorted(starts)
    seen = set()
    for f in fields:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] in text
        assert f.value and len(f.text) <= MAX_PASSAGE
        key = (f.kind, f.value)
        assert key not in seen
        seen.add(key)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(legal_text)
def test_legal_looking_text_never_raises(text: str) -> None:
    _check(text)
