"""The report's data: section order and the small texts it derives."""

from __future__ import annotations

import pytest

from casedesk.core.reports.model import SECTION_KEYS, Fact, section_order
from tests.core.reports.samples import sample_report


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["tasks", "summary"], ("summary", "tasks")),
        (("documents", "documents", "parties"), ("parties", "documents")),
        (["nonsense", "chronology"], ("chronology",)),
        ([], ()),
        ("summary", ()),  # a bare string is not a list of sections
        (None, ()),
        (list(SECTION_KEYS)[::-1], SECTION_KEYS),
    ],
)
def test_section_order(given: object, expected: tuple[str, ...]) -> None:
    assert section_order(given) == expected


@pytest.mark.parametrize(
    ("source", "page", "bates", "expected"),
    [
        ("Demand letter", "3", "ACME000123", "Demand letter, p. 3 (ACME000123)"),
        ("Demand letter", "", "", "Demand letter"),
        ("", "4", "", "p. 4"),
        ("", "", "ACME000001", "ACME000001"),
        ("", "2", "ACME000001", "p. 2 (ACME000001)"),
        ("", "", "", ""),
    ],
)
def test_fact_source_text(source: str, page: str, bates: str, expected: str) -> None:
    fact = Fact(date="2024", description="x", source=source, page=page, bates=bates)
    assert fact.source_text == expected


def test_row_count_counts_only_chosen_long_sections() -> None:
    report = sample_report(facts=10, documents=7)
    assert report.row_count == 17
    assert sample_report(facts=10, documents=7, sections=("summary", "documents")).row_count == 7
    assert report.headline == "2027-0042 · Delgado v. Acme Holdings"
