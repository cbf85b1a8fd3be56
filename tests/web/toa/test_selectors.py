"""The reads: who sees which table, the review as the page shows it, damaged data."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from casedesk.web.toa.models import TableOfAuthorities
from casedesk.web.toa.selectors import (
    anchor,
    case_name_split,
    get_visible_table,
    matter_briefs,
    review,
    stored_result,
    table_list,
    visible_tables,
)

pytestmark = pytest.mark.django_db


def test_visibility(
    make_table: Any,
    attorney: Any,
    attorney2: Any,
    admin_user: Any,
    readonly: Any,
    screened: Any,
    matter: Any,
) -> None:
    walled = make_table(attorney, matter=matter)
    private = make_table(attorney)
    other_private = make_table(admin_user)
    assert list(table_list(attorney)) == [private, walled]  # newest first
    assert list(table_list(attorney, matter=matter)) == [walled]
    assert set(visible_tables(readonly)) == {walled}
    assert set(visible_tables(attorney2)) == {walled}
    assert set(visible_tables(admin_user)) == {walled, private, other_private}
    assert set(visible_tables(screened)) == set()
    with pytest.raises(Http404):
        get_visible_table(screened, walled.pk)
    with pytest.raises(Http404):
        get_visible_table(attorney2, private.pk)
    with pytest.raises(Http404):
        get_visible_table(attorney, "nope")
    screened.is_active = False
    assert not visible_tables(screened).exists()
    from django.contrib.auth.models import AnonymousUser

    assert not visible_tables(AnonymousUser()).exists()


def test_the_review_as_the_page_shows_it(make_table: Any, clerk: Any) -> None:
    table = make_table(clerk)
    shown = review(table)
    assert shown is not None and shown.count == 6
    assert [b.heading for b in shown.blocks] == [
        "Cases",
        "Constitutional Provisions",
        "Statutes",
        "Rules",
    ]
    assert shown.counts == [
        ("Cases", 3),
        ("Constitutional Provisions", 1),
        ("Statutes", 1),
        ("Rules", 1),
    ]
    brown = shown.blocks[0].rows[0]
    assert (brown.italic, brown.rest, brown.pages) == (
        "Brown v. Board of Education",
        ", 347 U.S. 483 (1954)",
        "2, 3",
    )
    statute = shown.blocks[2].rows[0]
    assert (statute.italic, statute.rest) == ("", "42 U.S.C. § 1983")
    assert statute.anchor == anchor(statute.entry.key) and statute.anchor.startswith("entry-")
    assert shown.page_label == "Page(s)" and shown.warnings == []
    assert len(shown.categories) == 6


def test_damaged_or_missing_data_shows_no_table(make_table: Any, clerk: Any) -> None:
    table = make_table(clerk)
    TableOfAuthorities.objects.filter(pk=table.pk).update(result={"format": 99})
    table.refresh_from_db()
    assert stored_result(table) is None and review(table) is None
    assert stored_result(table, original=True) is not None
    from django.test import Client

    client = Client()
    client.force_login(clerk)
    page = client.get(f"/toa/{table.pk}/").content.decode()
    assert "The stored table is damaged" in page
    assert client.get(f"/toa/{table.pk}/toa.json").status_code == 404


@pytest.mark.parametrize(
    ("authority", "split"),
    [
        ("Roe v. Wade, 410 U.S. 113 (1973)", ("Roe v. Wade", ", 410 U.S. 113 (1973)")),
        ("Doe v. Roe, No. 21-123 (2d Cir. 2022)", ("Doe v. Roe", ", No. 21-123 (2d Cir. 2022)")),
        ("In re Smith", ("In re Smith", "")),
    ],
)
def test_case_names_in_italics(authority: str, split: tuple[str, str]) -> None:
    assert case_name_split(authority) == split


def test_matter_briefs_are_the_pdf_and_word_documents(
    attorney: Any, screened: Any, matter: Any, brief: Any, tmp_path: Any
) -> None:
    from casedesk.web.documents.document_services import IncomingFile, document_add

    pdf = document_add(by=attorney, matter=matter, incoming=IncomingFile(brief, "b.pdf"))
    memo = tmp_path / "m.txt"
    memo.write_text("x")
    document_add(by=attorney, matter=matter, incoming=IncomingFile(memo, "m.txt"))
    assert list(matter_briefs(attorney, matter)) == [pdf]
    assert list(matter_briefs(screened, matter)) == []
