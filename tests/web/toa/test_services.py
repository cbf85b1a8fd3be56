"""The table-of-authorities services: start and run, the review edits, filing, access and
walls, read-only users refused, and each write audited in its own transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casedesk.core.toa.serialize import result_from_dict
from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.documents.document_services import IncomingFile, document_add
from casedesk.web.documents.models import Document
from casedesk.web.errors import ServiceError
from casedesk.web.toa import services
from casedesk.web.toa.models import TableOfAuthorities
from casedesk.web.toa.selectors import get_visible_table, visible_tables
from casedesk.web.toa.services import (
    STALE,
    toa_file_to_matter,
    toa_merge,
    toa_move,
    toa_rename,
    toa_set_passim,
    toa_start,
    toa_start_from_document,
    toa_undo_all,
)
from tests.web.toa.briefs import EXPECTED
from tests.web.toa.conftest import keys_by_text, rows

pytestmark = pytest.mark.django_db

ROE = "Roe v. Wade, 410 U.S. 113 (1973)"
ROE_SCT = "Roe v. Wade, 93 S. Ct. 705 (1973)"
BROWN = "Brown v. Board of Education, 347 U.S. 483 (1954)"


def actions(table: Any) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="toa", object_id=str(table.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_a_brief_becomes_its_table(make_table: Any, attorney: Any, matter: Any) -> None:
    table = make_table(attorney, matter=matter)
    assert table.status == "done" and table.progress == 100
    assert table.message == "Found 6 authorities."
    assert rows(table) == [(c, a, p) for c, a, p in EXPECTED]
    assert table.entry_count == 6 and table.revision == 0 and table.edits == []
    assert table.original == table.result
    result = result_from_dict(table.result)
    assert result.page_system == "printed" and result.warnings == ()
    assert result.passim_threshold == 5
    assert table.blob is not None and table.matter == matter
    assert actions(table) == ["toa.create"]
    entry = AuditEntry.objects.get(action="toa.create")
    assert entry.matter_id == matter.pk and "brief.pdf" in entry.summary


def test_merge_rename_move_undo_and_passim(make_table: Any, clerk: Any, matter: Any) -> None:
    table = make_table(clerk, matter=matter)
    keys = keys_by_text(table)

    with pytest.raises(ServiceError, match="at least two entries"):
        toa_merge(by=clerk, table=table, keys=[keys[ROE]])
    with pytest.raises(ServiceError, match="must be one of those ticked"):
        toa_merge(by=clerk, table=table, keys=[keys[ROE], keys[ROE_SCT]], into=keys[BROWN])
    toa_merge(by=clerk, table=table, keys=[keys[ROE_SCT], keys[ROE]], into=keys[ROE])
    table.refresh_from_db()
    assert ("cases", ROE, ["1", "2"]) in rows(table)
    assert ROE_SCT not in keys_by_text(table)
    assert table.entry_count == 5 and table.revision == 1
    assert table.edits[-1]["action"] == "merge"
    assert table.edits[-1]["summary"] == f"Merged “{ROE_SCT}” into “{ROE}”"
    assert table.edits[-1]["by"] == "Cleo Clerk"

    toa_rename(
        by=clerk, table=table, key=keys[ROE], authority="  Aaron v.  Wade, 410 U.S. 113 (1973) "
    )
    table.refresh_from_db()
    cases = [a for c, a, _ in rows(table) if c == "cases"]
    assert cases == ["Aaron v. Wade, 410 U.S. 113 (1973)", BROWN]  # sorted again under its name
    with pytest.raises(ServiceError, match="needs its text"):
        toa_rename(by=clerk, table=table, key=keys[ROE], authority="   ")
    with pytest.raises(ServiceError, match="nothing changed"):
        toa_rename(
            by=clerk, table=table, key=keys[ROE], authority="Aaron v. Wade, 410 U.S. 113 (1973)"
        )
    with pytest.raises(ServiceError, match="control characters"):
        toa_rename(by=clerk, table=table, key=keys[ROE], authority="A\x00B")
    with pytest.raises(ServiceError) as stale:
        toa_rename(by=clerk, table=table, key=keys[ROE_SCT], authority="Gone")  # merged away
    assert stale.value.message == STALE

    toa_move(by=clerk, table=table, key=keys[BROWN], category="other authorities")
    table.refresh_from_db()
    assert rows(table)[-1] == ("other authorities", BROWN, ["2", "3"])
    with pytest.raises(ServiceError, match="under Other Authorities already"):
        toa_move(by=clerk, table=table, key=keys[BROWN], category="other authorities")
    with pytest.raises(ServiceError, match="one of the table's categories"):
        toa_move(by=clerk, table=table, key=keys[BROWN], category="treatises")

    toa_set_passim(by=clerk, table=table, passim=2)
    table.refresh_from_db()
    passim = {e["authority"]: e["passim"] for e in table.result["entries"]}
    assert passim[BROWN] is True and passim["Aaron v. Wade, 410 U.S. 113 (1973)"] is True
    assert passim["42 U.S.C. § 1983"] is False
    assert table.passim == 2 and table.result["passim_threshold"] == 2
    assert table.edits[-1]["summary"] == "Passim from 2 pages (was from 5 pages)"
    with pytest.raises(ServiceError, match="from 2 pages already"):
        toa_set_passim(by=clerk, table=table, passim=2)
    for bad in (-1, 100, "many"):
        with pytest.raises(ServiceError, match="from 0 to 99"):
            toa_set_passim(by=clerk, table=table, passim=bad)
    toa_set_passim(by=clerk, table=table, passim=0)
    table.refresh_from_db()
    assert not any(e["passim"] for e in table.result["entries"])
    assert table.edits[-1]["summary"] == "Passim off (was from 2 pages)"

    toa_undo_all(by=clerk, table=table)
    table.refresh_from_db()
    assert table.result == table.original and table.passim == 5
    assert rows(table) == [(c, a, p) for c, a, p in EXPECTED]
    assert [e["action"] for e in table.edits] == [
        "merge",
        "rename",
        "move",
        "passim",
        "passim",
        "undo",
    ]
    assert table.revision == 6
    with pytest.raises(ServiceError, match="nothing to undo"):
        toa_undo_all(by=clerk, table=table)
    assert actions(table) == [
        "toa.create",
        "toa.merge",
        "toa.rename",
        "toa.move",
        "toa.passim",
        "toa.passim",
        "toa.undo",
    ]


def test_an_edit_and_its_audit_entry_are_one_transaction(
    make_table: Any, clerk: Any, monkeypatch: pytest.MonkeyPatch, brief: Path
) -> None:
    table = make_table(clerk)
    keys = keys_by_text(table)
    before = dict(table.result)

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("the audit log is full")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        toa_rename(by=clerk, table=table, key=keys[ROE], authority="Changed")
    table.refresh_from_db()
    assert table.result == before and table.edits == [] and table.revision == 0
    with pytest.raises(RuntimeError):
        toa_start(by=clerk, path=brief, filename="brief.pdf", enqueue=False)
    assert TableOfAuthorities.objects.count() == 1


def test_read_only_users_see_but_cannot_change(
    make_table: Any, attorney: Any, readonly: Any, matter: Any, brief: Path
) -> None:
    table = make_table(attorney, matter=matter)
    assert get_visible_table(readonly, table.pk) == table
    keys = keys_by_text(table)
    for attempt in (
        lambda: toa_start(by=readonly, path=brief, filename="b.pdf", enqueue=False),
        lambda: toa_merge(by=readonly, table=table, keys=[keys[ROE], keys[ROE_SCT]]),
        lambda: toa_rename(by=readonly, table=table, key=keys[ROE], authority="X"),
        lambda: toa_move(by=readonly, table=table, key=keys[ROE], category="rules"),
        lambda: toa_set_passim(by=readonly, table=table, passim=3),
        lambda: toa_undo_all(by=readonly, table=table),
        lambda: toa_file_to_matter(by=readonly, table=table),
    ):
        with pytest.raises(AccessDenied, match="read-only"):
            attempt()
    table.refresh_from_db()
    assert table.revision == 0 and actions(table) == ["toa.create"]


def test_walls_and_private_tables(
    make_table: Any,
    attorney: Any,
    attorney2: Any,
    admin_user: Any,
    screened: Any,
    matter: Any,
    brief: Path,
) -> None:
    walled = make_table(attorney, matter=matter)
    private = make_table(attorney)
    assert set(visible_tables(attorney)) == {walled, private}
    assert set(visible_tables(attorney2)) == {walled}  # not another's table without a matter
    assert set(visible_tables(admin_user)) == {walled, private}
    assert set(visible_tables(screened)) == set()
    keys = keys_by_text(walled)
    with pytest.raises(AccessDenied, match="No such table"):
        toa_rename(by=screened, table=walled, key=keys[ROE], authority="Leak")
    with pytest.raises(AccessDenied, match="No such table"):
        toa_merge(by=attorney2, table=private, keys=[keys[ROE], keys[ROE_SCT]])
    with pytest.raises(AccessDenied, match="No such matter"):
        toa_start(by=screened, path=brief, filename="b.pdf", matter=matter, enqueue=False)
    # An administrator may review any table.
    toa_move(by=admin_user, table=private, key=keys[ROE], category="other authorities")


def test_file_the_word_table_to_the_matter(make_table: Any, secretary: Any, matter: Any) -> None:
    import docx

    from casedesk.web.documents.blob_store import blob_path

    table = make_table(secretary, matter=matter)
    document = toa_file_to_matter(by=secretary, table=table)
    assert document.matter == matter and document.title == "Table of authorities: brief.pdf"
    version = document.current_version
    assert version.filename == "toa-brief.docx" and version.kind == "docx"
    texts = [p.text for p in docx.Document(str(blob_path(version.blob_id))).paragraphs]
    assert texts[0] == "TABLE OF AUTHORITIES"
    assert f"{BROWN}\t2, 3" in texts
    table.refresh_from_db()
    assert table.filed_document == document
    assert actions(table) == ["toa.create", "toa.file"]
    assert AuditEntry.objects.filter(action="create", object_type="document").count() == 1
    private = TableOfAuthorities.objects.create(
        filename="x.pdf", created_by=secretary, status="done", result=table.result
    )
    with pytest.raises(ServiceError, match="belongs to no matter"):
        toa_file_to_matter(by=secretary, table=private)


def test_a_brief_from_the_matters_documents(
    brief: Path, attorney: Any, screened: Any, matter: Any, tmp_path: Path
) -> None:
    from casedesk.web.toa.services import toa_run

    document = document_add(
        by=attorney, matter=matter, incoming=IncomingFile(brief, "Opening brief.pdf")
    )
    table = toa_start_from_document(by=attorney, document=document, passim=3, enqueue=False)
    assert table.matter == matter and table.filename == "Opening brief.pdf"
    assert table.source_document == document and table.passim == 3
    assert table.blob_id == document.current_version.blob_id  # the same stored file
    toa_run(table.pk)
    table.refresh_from_db()
    assert table.entry_count == 6
    with pytest.raises(AccessDenied, match="No such document"):
        toa_start_from_document(by=screened, document=document, enqueue=False)
    memo = tmp_path / "memo.txt"
    memo.write_text("Roe v. Wade, 410 U.S. 113 (1973).")
    text_doc = document_add(by=attorney, matter=matter, incoming=IncomingFile(memo, "memo.txt"))
    with pytest.raises(ServiceError, match="not a PDF or a Word document"):
        toa_start_from_document(by=attorney, document=text_doc, enqueue=False)
    assert Document.objects.count() == 2


def test_purging_a_document_with_the_same_file_keeps_the_table(
    make_table: Any, attorney: Any, matter: Any, brief: Path
) -> None:
    """The brief's blob may be shared with a filed document; purging that document neither
    fails nor takes the brief away from the table."""
    from casedesk.web.documents.blob_store import blob_path
    from casedesk.web.documents.retention_services import document_trash, trash_purge

    table = make_table(attorney, matter=matter)
    document = document_add(by=attorney, matter=matter, incoming=IncomingFile(brief, "brief.pdf"))
    blob_id = document.current_version.blob_id
    assert blob_id == table.blob_id
    document_trash(by=attorney, document=document)
    trash_purge(by=None, documents=[Document.objects.get(pk=document.pk)])
    table.refresh_from_db()
    assert table.blob_id == blob_id and table.entry_count == 6
    assert blob_path(table.blob_id).exists()


def test_a_renamed_or_moved_law_keeps_its_place_among_the_laws() -> None:
    """edit.py: a law's numeric sort key is kept when it is renamed or moves among the laws."""
    from casedesk.core.toa import move_entry, rename_entry, toa_from_text

    result = toa_from_text(
        "See 28 U.S.C. § 1331; 42 U.S.C. § 1983; 42 U.S.C. § 2000e. Fed. R. Civ. P. 12(b)(6)."
    )
    statutes = [e.authority for e in result.in_category("statutes")]
    assert statutes == ["28 U.S.C. § 1331", "42 U.S.C. § 1983", "42 U.S.C. § 2000e"]
    key = result.in_category("statutes")[0].key
    renamed = rename_entry(result, key, "28 U.S.C. § 1331 (2018)")
    assert [e.authority for e in renamed.in_category("statutes")][0] == "28 U.S.C. § 1331 (2018)"
    before = result.in_category("statutes")[0].sort_key
    moved = move_entry(result, key, "rules")
    assert [e.sort_key for e in moved.in_category("rules") if e.key == key] == [before]
    assert len(moved.in_category("rules")) == 2


def test_the_demo_reset_deletes_the_matters_tables(
    make_table: Any, attorney: Any, admin_user: Any, matter: Any
) -> None:
    from casedesk.web.demo.loader import demo_reset

    table = make_table(attorney, matter=matter)
    toa_file_to_matter(by=attorney, table=table)
    private = make_table(attorney)
    demo_reset(by=admin_user)
    assert list(TableOfAuthorities.objects.all()) == [private]
