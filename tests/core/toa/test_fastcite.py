"""The windowed tokenizer finds exactly what eyecite's own finds, with the same spans."""

from __future__ import annotations

import pytest

from casedesk.core.citations.extract import eyecite_citations
from casedesk.core.toa import fastcite
from tests.core.toa import osg_eval

TEXT = (
    "See Roe v. Wade, 410 U. S. 113, 120 (1973); 22 U.S. (9 Wheat.) 381; Id. at 5; Roe, supra, "
    "at 7; 410 U.S. at 125; 57 Tul. L. Rev. 733 (1983); 42 U.S.C. § 1983; 2024 WL 779604; "
    "Smith v. Jones, 123 N. Y. S. 2d 45 (1953)."
)


def _spans(text: str, found: list[object]) -> list[tuple[str, tuple[int, int], str]]:
    return [(type(c).__name__, c.span(), c.matched_text()) for c in found]  # type: ignore[attr-defined]


def test_same_citations_on_a_sample() -> None:
    assert _spans(TEXT, fastcite.citations(TEXT)) == _spans(TEXT, eyecite_citations(TEXT))
    assert fastcite.citations("") == [] and fastcite.citations("eyecite") == []


@pytest.mark.slow
@pytest.mark.skipif(not osg_eval.OSG.is_dir(), reason="the OSG briefs are not here")
def test_same_citations_on_real_briefs() -> None:
    from casedesk.core.toa.document import BriefText
    from casedesk.core.toa.pages import build_pages
    from casedesk.core.toa.pdftext import read_pdf_lines

    for brief in osg_eval.briefs():
        text = BriefText(build_pages(read_pdf_lines(brief / "body.pdf"))[0]).text
        assert _spans(text, fastcite.citations(text)) == _spans(text, eyecite_citations(text))
