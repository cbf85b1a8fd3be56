"""Search (phrases, court filter, bad queries), and cite-checking a draft against the library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.errors import ServiceError
from casedesk.web.research.models import CiteCheck
from casedesk.web.research.selectors import opinion_search
from casedesk.web.research.services import cite_check_run, cite_check_start

pytestmark = pytest.mark.django_db


def test_phrase_search_with_a_court_filter(library: Any) -> None:
    page = opinion_search('"expectation of privacy"')
    assert [h.opinion.source_id for h in page.hits] == ["t-citing"]
    assert "<mark>" in page.hits[0].snippet_html
    both = opinion_search("privacy")
    assert {h.opinion.source_id for h in both.hits} == {"t-roe", "t-citing"}
    assert dict(both.facets["court"]) == {"scotus": 1, "nm": 1}
    only = opinion_search("privacy", court=["scotus"])
    assert [h.opinion.source_id for h in only.hits] == ["t-roe"]
    assert only.total == 1
    cites = opinion_search('cites:"410 U. S. 113"')
    assert [h.opinion.source_id for h in cites.hits] == ["t-citing"]
    cited = opinion_search("court", sort="cited", limit=1)
    assert cited.hits[0].opinion.cited_by_count >= 1


@pytest.mark.parametrize("query", ['"unbalanced phrase', "(privacy OR", "judge:warren"])
def test_a_bad_query_is_a_message(library: Any, query: str) -> None:
    with pytest.raises(ServiceError) as caught:
        opinion_search(query)
    assert caught.value.field == "q" and len(caught.value.message) > 10


DRAFT = (
    "MEMORANDUM OF POINTS AND AUTHORITIES\n\n"
    "The right of privacy is settled. Roe v. Wade, 410 U.S. 113, 153 (1973). Id. at 154.\n"
    "Separate is not equal. Smith v. Jones, 347 U.S. 483 (1954).\n"
    "Warnings are required. Miranda v. Arizona, 384 U.S. 436 (1970).\n"
    "Courts have so held. Doe v. Fakeco Industries, 999 U.S. 999 (2001).\n"
)


def _check(by: Any, tmp_path: Path, text: str | bytes, name: str = "brief.txt", **kw: Any) -> Any:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    check = cite_check_start(by=by, path=path, filename=name, enqueue=False, **kw)
    return cite_check_run(check.pk)


def test_cite_check_finds_real_wrong_and_fabricated_citations(
    library: Any, clerk: Any, tmp_path: Path
) -> None:
    check = _check(clerk, tmp_path, DRAFT)
    assert check.status == "done" and check.progress == 100
    rows = {r["text"]: r for r in check.result["citations"]}
    statuses = [(r["normalized"], r["status"]) for r in check.result["citations"]]
    assert statuses == [
        ("410 U.S. 113", "found"),
        ("410 U.S. 113", "found"),
        ("347 U.S. 483", "name_mismatch"),
        ("384 U.S. 436", "year_mismatch"),
        ("999 U.S. 999", "not_found"),
    ]
    assert rows["410 U.S. 113"]["opinion_id"] == "t-roe"
    assert rows["999 U.S. 999"]["opinion_id"] is None
    assert "Fakeco" in rows["999 U.S. 999"]["sentence"]
    assert all(r["message"] for r in check.result["citations"])
    assert set(check.result["citations"][0]) >= {
        "text",
        "normalized",
        "status",
        "opinion_id",
        "sentence",
    }


def test_cite_check_of_a_corrupt_pdf_fails_with_a_sentence(clerk: Any, tmp_path: Path) -> None:
    check = _check(clerk, tmp_path, b"%PDF-1.7\n garbage without end", name="brief.pdf")
    assert check.status == "failed"
    assert check.message.endswith(".") and "brief.pdf" in check.message


def test_cite_check_refuses_other_files_and_empty_ones(clerk: Any, tmp_path: Path) -> None:
    zipped = tmp_path / "x.zip"
    zipped.write_bytes(b"PK\x03\x04" + b"\0" * 30)
    with pytest.raises(ServiceError, match="PDF, Word"):
        cite_check_start(by=clerk, path=zipped, filename="x.zip", enqueue=False)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ServiceError, match="empty"):
        cite_check_start(by=clerk, path=empty, filename="empty.txt", enqueue=False)
    assert not CiteCheck.objects.exists()


def test_cite_check_of_a_walled_matter_is_refused(
    clerk: Any, screened: Any, matter: Any, tmp_path: Path
) -> None:
    from casedesk.web.access import AccessDenied

    path = tmp_path / "d.txt"
    path.write_text(DRAFT)
    with pytest.raises(AccessDenied):
        cite_check_start(by=screened, path=path, filename="d.txt", matter=matter, enqueue=False)


def test_docx_draft(library: Any, clerk: Any, tmp_path: Path, write_docx: Callable) -> None:
    path = write_docx(DRAFT.splitlines())
    check = cite_check_start(by=clerk, path=path, filename="brief.docx", enqueue=False)
    check = cite_check_run(check.pk)
    assert check.status == "done"
    assert {r["status"] for r in check.result["citations"]} >= {"found", "not_found"}


@pytest.fixture
def write_docx(tmp_path: Path) -> Callable[[list[str]], Path]:
    import docx

    def factory(paragraphs: list[str]) -> Path:
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        path = tmp_path / "brief.docx"
        document.save(str(path))
        return path

    return factory
