"""Creating, re-queuing and deleting productions: the rules and their messages (table-driven),
who may, and which documents."""

from __future__ import annotations

from typing import Any

import pytest

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.errors import ServiceError
from casedesk.web.productions.build import production_run
from casedesk.web.productions.models import BatesRange, JobStatus, Production
from casedesk.web.productions.services import (
    FONTS,
    LEGEND_CONFIDENTIAL,
    LEGEND_HIGHLY,
    default_legend,
    production_create,
    production_delete,
    production_retry,
)
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db


def create(by: Any, matter: Any, docs: list[Any], **kwargs: Any) -> Production:
    kwargs.setdefault("prefix", "ACME")
    return production_create(
        by=by, matter=matter, document_ids=[d.pk for d in docs], enqueue=False, **kwargs
    )


def test_fonts_are_the_stamps_fonts() -> None:
    from casedesk.core.pdf import fonts

    assert set(FONTS) <= set(fonts.FONTS)


@pytest.mark.parametrize(
    ("confidentiality", "legend"),
    [
        ("normal", ""),
        ("confidential", LEGEND_CONFIDENTIAL),
        ("highly_confidential", LEGEND_HIGHLY),
        ("attorneys_eyes_only", LEGEND_HIGHLY),
    ],
)
def test_the_default_legend_follows_the_confidentiality(
    pdf_doc: Any, confidentiality: str, legend: str
) -> None:
    assert default_legend(pdf_doc(1, confidentiality=confidentiality)) == legend


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"prefix": "AC ME"}, "prefix", "cannot contain a space"),
        ({"prefix": "ACME/1"}, "prefix", "cannot contain a slash (/)"),
        ({"prefix": ""}, "prefix", "The Bates prefix is empty"),
        ({"prefix": "A" * 21}, "prefix", "use at most 20"),
        ({"digits": 2}, "digits", "between 3 and 15"),
        ({"digits": "six"}, "digits", "whole number"),
        ({"start": 0}, "start", "start at 1 or later"),
        ({"digits": 3, "start": 1000}, "start", "does not fit in 3 digits"),
        ({"position": "middle"}, "position", "Choose a position"),
        ({"font": "Comic Sans"}, "font", "The font must be one of"),
        ({"size": 40}, "size", "between 6 and 24 points"),
        ({"volume": "vol 1"}, "volume", "The volume name must be"),
        ({"volume": "a,b"}, "volume", "The volume name must be"),
    ],
)
def test_bad_settings_are_refused_with_a_sentence(
    attorney: Any, matter: Any, pdf_doc: Any, kwargs: dict[str, Any], field: str, message: str
) -> None:
    doc = pdf_doc(1)
    with pytest.raises(ServiceError) as info:
        create(attorney, matter, [doc], **kwargs)
    assert info.value.field == field
    assert message in info.value.message
    assert not Production.objects.exists()


def test_a_legend_the_stamp_fonts_cannot_print_is_refused(
    attorney: Any, matter: Any, pdf_doc: Any
) -> None:
    doc = pdf_doc(1, title="Contract")
    with pytest.raises(ServiceError) as info:
        create(attorney, matter, [doc], legends={doc.pk: "BẢO MẬT"})
    assert info.value.message.startswith("The legend of Contract can only use Latin letters")
    # A Latin-1 legend is fine, and the custodian can be in any script.
    production = create(
        attorney,
        matter,
        [doc],
        legends={doc.pk: "CONFIDENTIEL - RÉSERVÉ"},
        custodians={doc.pk: "Nguyễn Thị Minh"},
    )
    item = production.items.get()
    assert (item.legend, item.custodian) == ("CONFIDENTIEL - RÉSERVÉ", "Nguyễn Thị Minh")


def test_numbering_continues_and_only_a_first_production_may_choose_its_start(
    attorney: Any, matter: Any, pdf_doc: Any
) -> None:
    a, b, c = pdf_doc(3), pdf_doc(2), pdf_doc(1)
    first = create(attorney, matter, [a], start=100)
    assert (first.start, first.start_chosen, first.volume) == (100, True, "ACME001")
    Production.objects.filter(pk=first.pk).update(status=JobStatus.DONE)
    with pytest.raises(ServiceError) as info:
        create(attorney, matter, [b], start=500)
    assert info.value.field == "start"
    assert info.value.message.startswith("ACME continues at ACME000103 in this matter")
    second = create(attorney, matter, [b, c], start=103)  # the right number is accepted
    assert (second.start, second.start_chosen, second.volume) == (103, False, "ACME002")
    assert [(r.begin, r.end) for r in BatesRange.objects.order_by("begin")] == [
        (100, 102),
        (103, 104),
        (105, 105),
    ]
    # Another prefix has a chain of its own.
    Production.objects.filter(pk=second.pk).update(status=JobStatus.DONE)
    assert create(attorney, matter, [a], prefix="BETA").start == 1


def test_each_matter_has_its_own_chains(
    attorney: Any, matter: Any, pdf_doc: Any, file_doc: Any, tmp_path: Any
) -> None:
    from tests.web.productions.conftest import make_pdf

    create(attorney, matter, [pdf_doc(4)])
    other = make_matter("2027-0702", "Other", attorney=attorney)
    foreign = file_doc(make_pdf(tmp_path / "o.pdf", 2), target=other)
    production = create(attorney, other, [foreign])
    assert (production.start, production.volume) == (1, "ACME001")


def test_one_production_per_prefix_at_a_time(attorney: Any, matter: Any, pdf_doc: Any) -> None:
    a, b = pdf_doc(1), pdf_doc(1)
    create(attorney, matter, [a])
    with pytest.raises(ServiceError) as info:
        create(attorney, matter, [b])
    assert info.value.message.startswith("Production ACME001 under ACME is still being built")
    assert create(attorney, matter, [b], prefix="BETA").volume == "BETA001"


def test_digits_and_capitals_must_match_the_prefixs_history(
    attorney: Any, matter: Any, pdf_doc: Any
) -> None:
    a, b = pdf_doc(1), pdf_doc(1)
    first = create(attorney, matter, [a], digits=7)
    Production.objects.filter(pk=first.pk).update(status=JobStatus.DONE)
    with pytest.raises(ServiceError) as info:
        create(attorney, matter, [b], digits=6)
    assert "have 7 digits (ACME0000001 is the last)" in info.value.message
    with pytest.raises(ServiceError) as info:
        create(attorney, matter, [b], prefix="acme", digits=7)
    assert "already uses the prefix ACME; acme differs only in capitals" in info.value.message


def test_numbers_that_outgrow_the_digits_are_refused(
    attorney: Any, matter: Any, pdf_doc: Any
) -> None:
    doc = pdf_doc(5)
    with pytest.raises(ServiceError) as info:
        create(attorney, matter, [doc], digits=3, start=997)
    assert "ACME numbers end at ACME999" in info.value.message
    assert not BatesRange.objects.exists() and not Production.objects.exists()


def test_documents_must_be_visible_filed_in_the_matter_and_chosen_once(
    attorney: Any, attorney2: Any, matter: Any, pdf_doc: Any, file_doc: Any, tmp_path: Any
) -> None:
    from casedesk.web.documents.retention_services import document_trash
    from tests.web.productions.conftest import make_pdf

    doc = pdf_doc(1)
    other = make_matter("2027-0703", "Other matter", attorney=attorney)
    foreign = file_doc(make_pdf(tmp_path / "x.pdf", 1), target=other)
    trashed = pdf_doc(1)
    document_trash(by=attorney, document=trashed)
    for ids, message in [
        ([], "Choose at least one document to produce."),
        ([doc.pk, doc.pk], "A document is chosen twice."),
        ([doc.pk, foreign.pk], "not in this matter's case file"),
        ([trashed.pk], "not in this matter's case file"),
        (["x"], "A chosen document is not valid."),
        ([999999], "not in this matter's case file"),
    ]:
        with pytest.raises(ServiceError) as info:
            production_create(
                by=attorney, matter=matter, document_ids=ids, prefix="ACME", enqueue=False
            )
        assert message in info.value.message, ids


def test_readonly_and_walled_users_cannot_create(
    readonly: Any, screened: Any, matter: Any, pdf_doc: Any
) -> None:
    doc = pdf_doc(1)
    with pytest.raises(AccessDenied):
        create(readonly, matter, [doc])
    with pytest.raises(ServiceError) as info:
        create(screened, matter, [doc])
    assert info.value.message == "No such matter."
    assert not Production.objects.exists()


def test_creation_is_audited(attorney: Any, matter: Any, pdf_doc: Any) -> None:
    production = create(attorney, matter, [pdf_doc(2), pdf_doc(1)])
    entry = AuditEntry.objects.get(action="production.create")
    assert entry.matter_id == matter.pk and entry.object_id == str(production.pk)
    assert (
        entry.summary
        == "Created production ACME001 of 2 documents under ACME (ACME000001-ACME000003)"
    )


def test_only_the_latest_production_can_be_deleted(
    attorney: Any, matter: Any, pdf_doc: Any
) -> None:
    a, b = pdf_doc(2), pdf_doc(1)
    first = production_run(create(attorney, matter, [a]).pk)
    second = production_run(create(attorney, matter, [b]).pk)
    with pytest.raises(ServiceError) as info:
        production_delete(by=attorney, production=first)
    assert info.value.message.startswith("Only the latest production under ACME can be deleted")
    production_delete(by=attorney, production=second)
    b.refresh_from_db()
    assert b.bates_start == "" and not Production.objects.filter(pk=second.pk).exists()
    assert [(r.begin, r.end) for r in BatesRange.objects.all()] == [(1, 2)]
    production_delete(by=attorney, production=first)
    assert not BatesRange.objects.exists()
    assert AuditEntry.objects.filter(action="production.delete").count() == 2
    # The numbers are free again.
    assert create(attorney, matter, [b]).start == 1


def test_a_pending_production_cannot_be_deleted_and_only_a_failed_one_retried(
    attorney: Any, readonly: Any, matter: Any, pdf_doc: Any
) -> None:
    production = create(attorney, matter, [pdf_doc(1)])
    with pytest.raises(ServiceError, match="still being built"):
        production_delete(by=attorney, production=production)
    with pytest.raises(ServiceError, match="Only a failed production can be built again"):
        production_retry(by=attorney, production=production, enqueue=False)
    Production.objects.filter(pk=production.pk).update(status=JobStatus.FAILED)
    production.refresh_from_db()
    with pytest.raises(AccessDenied):
        production_retry(by=readonly, production=production, enqueue=False)
    again = production_retry(by=attorney, production=production, enqueue=False)
    assert again.status == JobStatus.QUEUED
    assert production_run(again.pk).status == JobStatus.DONE


def test_a_produced_document_can_still_be_purged(
    attorney: Any, admin_user: Any, matter: Any, pdf_doc: Any
) -> None:
    from django.test import Client

    from casedesk.web.documents.retention_services import document_trash, trash_purge

    doc = pdf_doc(2, title="Old draft")
    production = production_run(create(attorney, matter, [doc]).pk)
    document_trash(by=attorney, document=doc)
    doc.refresh_from_db()
    assert trash_purge(by=admin_user, documents=[doc]).purged == ["Old draft"]
    item = production.items.get()
    assert item.document is None and item.version is None and item.native_blob is None
    assert (item.title, item.range.begin_label) == ("Old draft", "ACME000001")
    client = Client()
    client.force_login(attorney)
    page = client.get(f"/productions/{production.pk}/").content.decode()
    assert "Old draft" in page and "(purged)" in page
