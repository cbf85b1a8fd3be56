"""Marking exhibits (numbers, letters, Bates), physical exhibits, edits, status at trial, and
who may do it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.errors import ServiceError
from casedesk.web.trial.exhibit_services import (
    ExhibitEdit,
    exhibit_add,
    exhibit_delete,
    exhibit_set_status,
    exhibit_sticker_remake,
    exhibit_update,
    exhibits_mark,
    next_numbers,
)
from casedesk.web.trial.models import Exhibit, ExhibitStatus, StickerStatus

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 8)


def mark(by: Any, matter: Any, docs: list[Any], **kw: Any) -> list[Exhibit]:
    kw.setdefault("party", "plaintiff")
    return exhibits_mark(
        by=by, matter=matter, document_ids=[d.pk for d in docs], enqueue=False, **kw
    )


def test_numbers_continue_after_the_partys_last_exhibit(
    clerk: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    first = mark(clerk, matter, pdf_docs[:2], date=TODAY, witness="Rosa Delgado")
    assert [e.number for e in first] == ["1", "2"]
    assert first[0].description == "Master services agreement, dated 03/05/2024"
    assert first[0].marked_on == TODAY and first[0].witness == "Rosa Delgado"
    assert first[0].sticker_status == StickerStatus.QUEUED
    assert first[0].version_id == pdf_docs[0].current_version_id
    more = mark(clerk, matter, pdf_docs[2:])
    assert [e.number for e in more] == ["3"]
    # The defendant's numbering and another proceeding's are their own.
    assert [e.number for e in mark(clerk, matter, pdf_docs[:1], party="defendant")] == ["1"]
    hearing = mark(clerk, matter, pdf_docs[:1], proceeding="Hearing on motion to dismiss")
    assert [e.number for e in hearing] == ["1"]
    assert next_numbers(matter, "Trial")["plaintiff"] == {"numbers": "4", "letters": "A"}
    entry = AuditEntry.objects.filter(action="trial.exhibits_mark").first()
    assert entry is not None and entry.matter_id == matter.pk


@pytest.mark.parametrize(
    ("numbering", "start", "expected"),
    [
        ("numbers", None, ["1", "2", "3"]),
        ("numbers", 101, ["101", "102", "103"]),
        ("numbers", "7", ["7", "8", "9"]),
        ("letters", None, ["A", "B", "C"]),
        ("letters", "Y", ["Y", "Z", "AA"]),
        ("letters", 27, ["AA", "AB", "AC"]),
    ],
)
def test_numbering_styles(
    clerk: Any, matter: Any, pdf_docs: list[Any], numbering: str, start: Any, expected: list[str]
) -> None:
    made = mark(clerk, matter, pdf_docs, party="defendant", numbering=numbering, start=start)
    assert [e.number for e in made] == expected
    assert [e.label for e in made] == [f"DX {n}" for n in expected]


def test_letters_continue_after_the_last_letter(
    clerk: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    mark(clerk, matter, pdf_docs[:2], party="defendant", numbering="letters")
    made = mark(clerk, matter, pdf_docs[2:], party="defendant", numbering="letters")
    assert made[0].number == "C"


def test_by_bates_number(clerk: Any, matter: Any, pdf_docs: list[Any]) -> None:
    for doc, (start, end) in zip(
        pdf_docs,
        [("ACME000001", "ACME000003"), ("ACME000004", ""), ("ACME000005", "ACME000006")],
        strict=True,
    ):
        doc.bates_start, doc.bates_end = start, end
        doc.save()
    made = mark(clerk, matter, pdf_docs, numbering="bates")
    assert [e.number for e in made] == ["ACME000001", "ACME000004", "ACME000005"]
    assert [e.bates for e in made] == [
        "ACME000001-ACME000003",
        "ACME000004",
        "ACME000005-ACME000006",
    ]


def test_by_bates_needs_produced_documents(clerk: Any, matter: Any, pdf_docs: list[Any]) -> None:
    with pytest.raises(ServiceError, match="“Master services agreement” has no Bates number yet"):
        mark(clerk, matter, pdf_docs, numbering="bates")
    assert not Exhibit.objects.exists()


def test_order_given_is_the_order_numbered(clerk: Any, matter: Any, pdf_docs: list[Any]) -> None:
    made = mark(clerk, matter, [pdf_docs[2], pdf_docs[0]])
    assert [(e.document_id, e.number) for e in made] == [
        (pdf_docs[2].pk, "1"),
        (pdf_docs[0].pk, "2"),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"party": "intervenor"}, "Choose the party"),
        ({"numbering": "roman"}, "Number the exhibits"),
        ({"start": "0"}, "Start at a number of 1 or more"),
        ({"start": "x7"}, "Start at a number of 1 or more"),
        ({"witness": "a\x00b"}, "control characters"),
        ({"date": dt.date(1066, 10, 14)}, "not a plausible date"),
    ],
)
def test_bad_input_is_a_sentence(
    clerk: Any, matter: Any, pdf_docs: list[Any], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        mark(clerk, matter, pdf_docs[:1], **kwargs)


def test_numbers_already_taken_and_documents_already_marked(
    clerk: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    mark(clerk, matter, pdf_docs[:1])
    with pytest.raises(
        ServiceError, match="“Master services agreement” is already plaintiff's exhibit 1"
    ):
        mark(clerk, matter, pdf_docs[:2])
    with pytest.raises(ServiceError, match="Plaintiff's exhibit 1 already exists in Trial"):
        mark(clerk, matter, pdf_docs[1:2], start=1)
    with pytest.raises(ServiceError, match="Choose at least one document"):
        mark(clerk, matter, [])
    assert Exhibit.objects.count() == 1


def test_only_the_matters_visible_documents(
    clerk: Any, matter: Any, pdf_docs: list[Any], attorney: Any, tmp_path: Path, file_doc: Any
) -> None:
    from tests.web.matters.factories import make_matter
    from tests.web.trial.conftest import make_pdf

    other = make_matter("2027-0099", "Other matter", attorney=attorney)
    stranger = file_doc(make_pdf(tmp_path / "x.pdf"), to=other)
    with pytest.raises(ServiceError, match="not in this matter's case file"):
        mark(clerk, matter, [pdf_docs[0], stranger])
    with pytest.raises(ServiceError, match="Choose documents"):
        exhibits_mark(by=clerk, matter=matter, document_ids=["abc"], party="plaintiff")  # type: ignore[list-item]


def test_readonly_and_screened_users_are_refused(
    readonly: Any, screened: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    with pytest.raises(AccessDenied, match="read-only"):
        mark(readonly, matter, pdf_docs[:1])
    with pytest.raises(AccessDenied, match="No such matter"):
        mark(screened, matter, pdf_docs[:1])
    with pytest.raises(AccessDenied):
        exhibit_add(by=screened, matter=matter, party="plaintiff", description="Knife")
    assert not Exhibit.objects.exists()


def test_physical_exhibit_takes_the_next_number(
    clerk: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    mark(clerk, matter, pdf_docs[:2])
    knife = exhibit_add(
        by=clerk, matter=matter, party="plaintiff", description="Kitchen knife in evidence bag"
    )
    assert knife.number == "3" and knife.document is None
    assert knife.sticker_status == StickerStatus.NONE
    chart = exhibit_add(
        by=clerk, matter=matter, party="plaintiff", description="Chart", number="3A"
    )
    assert chart.number == "3A"
    with pytest.raises(ServiceError, match="already exists"):
        exhibit_add(by=clerk, matter=matter, party="plaintiff", description="Other", number="3A")
    with pytest.raises(ServiceError, match="Describe the exhibit"):
        exhibit_add(by=clerk, matter=matter, party="plaintiff", description="  ")
    rows = list(Exhibit.objects.filter(party="plaintiff").order_by("sort_key"))
    assert [e.number for e in rows] == ["1", "2", "3", "3A"]


def test_update_renumbers_and_queues_a_new_sticker(
    clerk: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    one, two = mark(clerk, matter, pdf_docs[:2])
    Exhibit.objects.filter(pk=one.pk).update(sticker_status=StickerStatus.DONE)
    one.refresh_from_db()
    edited = exhibit_update(
        by=clerk,
        exhibit=one,
        edit=ExhibitEdit(number="10", description="The agreement", witness="CFO"),
        enqueue=False,
    )
    assert (edited.number, edited.description, edited.witness) == ("10", "The agreement", "CFO")
    assert edited.sticker_status == StickerStatus.QUEUED
    with pytest.raises(ServiceError, match="Plaintiff's exhibit 2 already exists"):
        exhibit_update(by=clerk, exhibit=one, edit=ExhibitEdit(number="2", description="x"))
    # Only the description changed: the sticker stays.
    Exhibit.objects.filter(pk=two.pk).update(sticker_status=StickerStatus.DONE)
    two.refresh_from_db()
    same = exhibit_update(
        by=clerk, exhibit=two, edit=ExhibitEdit(number="2", description="Letter of 6/1")
    )
    assert same.sticker_status == StickerStatus.DONE


@pytest.mark.parametrize(
    ("steps", "offered", "admitted", "status"),
    [
        ([("offered", 1)], 1, None, "offered"),
        ([("admitted", 2)], 2, 2, "admitted"),
        ([("offered", 1), ("admitted", 2)], 1, 2, "admitted"),
        ([("offered", 1), ("refused", 2)], 1, None, "refused"),
        ([("refused", 3)], 3, None, "refused"),
        ([("offered", 1), ("withdrawn", 2)], 1, None, "withdrawn"),
        ([("admitted", 2), ("listed", 3)], None, None, "listed"),
    ],
)
def test_status_at_trial(
    clerk: Any,
    matter: Any,
    pdf_docs: list[Any],
    steps: list[tuple[str, int]],
    offered: int | None,
    admitted: int | None,
    status: str,
) -> None:
    (exhibit,) = mark(clerk, matter, pdf_docs[:1])
    day = {n: dt.date(2027, 3, 7 + n) for n in (1, 2, 3)}
    for value, n in steps:
        exhibit = exhibit_set_status(by=clerk, exhibit=exhibit, status=value, on=day[n])
    assert exhibit.status == status
    assert exhibit.offered_on == (day[offered] if offered else None)
    assert exhibit.admitted_on == (day[admitted] if admitted else None)
    assert exhibit.status_on == (None if status == "listed" else day[steps[-1][1]])


def test_status_defaults_to_today_and_refuses_nonsense(
    clerk: Any, readonly: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    from django.utils import timezone

    (exhibit,) = mark(clerk, matter, pdf_docs[:1])
    done = exhibit_set_status(by=clerk, exhibit=exhibit, status="admitted", note="No objection")
    assert done.admitted_on == timezone.localdate() and done.status_note == "No objection"
    with pytest.raises(ServiceError, match="Choose offered"):
        exhibit_set_status(by=clerk, exhibit=exhibit, status="lost")
    with pytest.raises(AccessDenied):
        exhibit_set_status(by=readonly, exhibit=exhibit, status="offered")
    assert AuditEntry.objects.filter(action="trial.exhibit_status").count() == 1


def test_delete_only_before_trial(clerk: Any, matter: Any, pdf_docs: list[Any]) -> None:
    one, two = mark(clerk, matter, pdf_docs[:2])
    exhibit_set_status(by=clerk, exhibit=two, status="offered")
    with pytest.raises(ServiceError, match="mark it withdrawn instead"):
        exhibit_delete(by=clerk, exhibit=two)
    exhibit_delete(by=clerk, exhibit=one)
    assert list(Exhibit.objects.values_list("number", flat=True)) == ["2"]


def test_sticker_remake(clerk: Any, matter: Any, pdf_docs: list[Any]) -> None:
    (exhibit,) = mark(clerk, matter, pdf_docs[:1])
    Exhibit.objects.filter(pk=exhibit.pk).update(
        sticker_status=StickerStatus.FAILED, sticker_message="boom"
    )
    again = exhibit_sticker_remake(by=clerk, exhibit=exhibit, enqueue=False)
    assert again.sticker_status == StickerStatus.QUEUED and again.sticker_message == ""
    physical = exhibit_add(by=clerk, matter=matter, party="joint", description="Model")
    with pytest.raises(ServiceError, match="no document"):
        exhibit_sticker_remake(by=clerk, exhibit=physical)


def test_a_purged_document_leaves_the_exhibit(
    clerk: Any, attorney: Any, admin_user: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    from casedesk.web.documents.retention_services import document_trash, trash_purge

    (exhibit,) = mark(clerk, matter, pdf_docs[:1])
    document_trash(by=attorney, document=pdf_docs[0])
    trash_purge(by=admin_user, documents=[pdf_docs[0]])
    exhibit.refresh_from_db()
    assert exhibit.document is None and exhibit.version is None
    assert exhibit.description.startswith("Master services agreement")


def test_exhibit_status_values_match_the_buttons() -> None:
    from casedesk.web.trial.views_exhibits import STATUS_BUTTONS

    assert {v for v, _ in STATUS_BUTTONS} == set(ExhibitStatus.values) - {"listed"}
