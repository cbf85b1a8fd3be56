"""Templates, answers and generating documents: permissions, refusals, filing, audit."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from casedesk.web.audit.models import AuditEntry
from casedesk.web.documents.blob_store import blob_path
from casedesk.web.documents.models import Document
from casedesk.web.drafting.models import (
    DraftTemplate,
    FirmProfile,
    GeneratedDocument,
    MatterAnswer,
    PdfStatus,
    TemplateVersion,
)
from casedesk.web.drafting.preview import document_preview
from casedesk.web.drafting.services import (
    AnswersInvalid,
    document_generate,
    draft_prepare,
    firm_profile_update,
)
from casedesk.web.drafting.template_services import (
    template_archive,
    template_upload,
    template_version_add,
)
from casedesk.web.errors import ServiceError
from tests.web.drafting.conftest import ADVERSE_NAME, CLIENT_NAME

pytestmark = pytest.mark.django_db

ANSWERS = {"hearing.date": "2027-06-01", "hearing.department": "Department 17"}


def _texts(document: Document) -> list[str]:
    path = blob_path(document.current_version.blob_id)
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _docm(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                ).replace(
                    b"application/vnd.openxmlformats-officedocument.ms-word",
                    b"application/vnd.ms-word",
                )
            dst.writestr(item, data)
        dst.writestr("word/vbaProject.bin", b"not really a macro")
    return target


# --- templates -------------------------------------------------------------------------------------


def test_upload_reads_the_fields_and_stores_the_file(letter_template: Any) -> None:
    version = letter_template.latest_version()
    assert version.number == 1 and version.filename == "hearing-letter.docx"
    names = [f["name"] for f in version.fields]
    assert "hearing.date" in names and "client.name" in names
    assert blob_path(version.blob_id).exists()
    assert letter_template.slug == "hearing-letter"
    assert AuditEntry.objects.filter(object_type="draft_template", action="create").exists()


def test_upload_refuses_a_macro_enabled_document(
    attorney: Any, make_docx: Callable[..., Path], tmp_path: Path
) -> None:
    docm = _docm(make_docx(["Hello {{ client.name }}"]), tmp_path / "macro.docx")
    with pytest.raises(ServiceError, match="macro"):
        template_upload(by=attorney, name="Bad", path=docm, filename="letter.docx")
    with pytest.raises(ServiceError, match=r"\.docx"):
        template_upload(by=attorney, name="Bad", path=docm, filename="letter.docm")
    assert not DraftTemplate.objects.exists()


def test_upload_refuses_a_text_file_renamed_docx(attorney: Any, tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("Dear {{ client.name }}")
    with pytest.raises(ServiceError, match="not a Word document"):
        template_upload(by=attorney, name="Fake", path=fake, filename="letter.docx")
    assert not TemplateVersion.objects.exists()


def test_upload_refuses_a_template_error_quoting_the_paragraph(
    attorney: Any, make_docx: Callable[..., Path]
) -> None:
    broken = make_docx(["Fine {{ client.name }}", "Dear {{ client.name }, thank you"])
    with pytest.raises(ServiceError) as caught:
        template_upload(by=attorney, name="Broken", path=broken, filename="broken.docx")
    assert "Dear {{ client.name }, thank you" in caught.value.message
    assert "broken.docx" in caught.value.message


def test_readonly_may_not_upload(readonly: Any, make_docx: Callable[..., Path]) -> None:
    with pytest.raises(ServiceError, match="read-only"):
        template_upload(by=readonly, name="X", path=make_docx(["x"]), filename="x.docx")


def test_new_versions_and_archive(
    letter_template: Any, secretary: Any, make_docx: Callable[..., Path]
) -> None:
    version = template_version_add(
        by=secretary,
        template=letter_template,
        path=make_docx(["{{ client.name }}"]),
        filename="v2.docx",
        comment="Shorter",
    )
    assert version.number == 2 and letter_template.latest_version() == version
    template_archive(by=secretary, template=letter_template)
    letter_template.refresh_from_db()
    assert letter_template.archived


def test_firm_profile_is_for_administrators(admin_user: Any, secretary: Any) -> None:
    with pytest.raises(ServiceError):
        firm_profile_update(by=secretary, name="X")
    with pytest.raises(ServiceError, match="not an e-mail"):
        firm_profile_update(by=admin_user, name="Firm", email="nope")
    firm_profile_update(by=admin_user, name="Hollis & Reyes LLP", address="1 Main St\nOakland")
    assert FirmProfile.load().address == "1 Main St\nOakland"


# --- generating --------------------------------------------------------------------------------


def test_generate_files_a_document_with_the_version_and_answers(
    letter_template: Any, matter: Any, secretary: Any
) -> None:
    FirmProfile.objects.create(name="Smith & Jones")
    generated = document_generate(
        by=secretary, matter=matter, template=letter_template, raw_answers=ANSWERS
    )
    assert generated is not None
    assert generated.template_version == letter_template.latest_version()
    assert generated.answers == ANSWERS
    assert generated.pdf_status == PdfStatus.NONE
    document = generated.document
    assert document.matter == matter
    assert document.category.slug == "correspondence"
    assert document.direction == "sent"
    assert document.author == "Sam Secretary"
    assert document.title.startswith("Hearing letter — ")
    assert document.current_version.filename.endswith(".docx")
    texts = _texts(document)
    assert texts[0] == "Smith & Jones"
    assert CLIENT_NAME in texts
    assert f"Re: {CLIENT_NAME} v. {ADVERSE_NAME} (2027-0301)" in texts
    assert "The hearing is on June 1, 2027 in Department 17." in texts
    assert "Opposing counsel: Morgan Blake of Blake Whitfield LLP." in texts
    assert AuditEntry.objects.filter(object_type="generated_document", matter_id=matter.pk).exists()
    assert AuditEntry.objects.filter(object_type="document", action="create").exists()


def test_answers_are_saved_and_reused(letter_template: Any, matter: Any, secretary: Any) -> None:
    document_generate(by=secretary, matter=matter, template=letter_template, raw_answers=ANSWERS)
    saved = dict(MatterAnswer.objects.filter(matter=matter).values_list("name", "value"))
    assert saved == ANSWERS
    # the second time nothing needs answering: the saved answers are used
    second = document_generate(
        by=secretary, matter=matter, template=letter_template, raw_answers={}
    )
    assert second is not None and second.answers == ANSWERS
    draft = draft_prepare(secretary, matter, letter_template, {})
    assert {q.name for q in draft.questions} == set(ANSWERS)
    assert draft.raw == ANSWERS  # offered again, prefilled


def test_missing_and_bad_answers_are_reported_per_field_and_nothing_is_filed(
    letter_template: Any, matter: Any, secretary: Any
) -> None:
    with pytest.raises(AnswersInvalid) as caught:
        document_generate(
            by=secretary,
            matter=matter,
            template=letter_template,
            raw_answers={"hearing.date": "June 1", "hearing.department": ""},
        )
    assert caught.value.errors == {
        "hearing.date": "Give a date as YYYY-MM-DD.",
        "hearing.department": "Answer this question.",
    }
    assert not Document.objects.exists() and not GeneratedDocument.objects.exists()
    assert not MatterAnswer.objects.exists()


def test_readonly_and_screened_users_are_refused(
    letter_template: Any, matter: Any, readonly: Any, screened: Any
) -> None:
    with pytest.raises(ServiceError, match="read-only"):
        document_generate(by=readonly, matter=matter, template=letter_template, raw_answers=ANSWERS)
    with pytest.raises(ServiceError, match="No such matter"):
        document_generate(by=screened, matter=matter, template=letter_template, raw_answers=ANSWERS)
    with pytest.raises(ServiceError, match="No such matter"):
        document_preview(by=screened, matter=matter, template=letter_template, raw_answers={})
    assert not Document.objects.exists()


def test_pleading_with_asked_sides_vietnamese_and_arabic(
    matter: Any, attorney: Any, make_docx: Callable[..., Path]
) -> None:
    template = template_upload(
        by=attorney,
        name="Caption",
        path=make_docx(
            [
                "{{ case.plaintiffs }}, Plaintiff, v. {{ case.defendants }}, Defendant.",
                "County of {{ court.county }}",
            ]
        ),
        filename="caption.docx",
        kind="pleading",
    )
    draft = draft_prepare(attorney, matter, template, {})
    assert {q.name: q.suggestion for q in draft.questions} == {
        "case.plaintiffs": CLIENT_NAME,
        "case.defendants": ADVERSE_NAME,
    }
    generated = document_generate(
        by=attorney, matter=matter, template=template, raw_answers=draft.raw, pdf=True
    )
    assert generated is not None and generated.pdf_status == PdfStatus.QUEUED
    assert generated.document.category.slug == "pleadings"
    assert _texts(generated.document) == [
        f"{CLIENT_NAME}, Plaintiff, v. {ADVERSE_NAME}, Defendant.",
        "County of Alameda",
    ]


def test_an_archived_template_cannot_be_used(
    letter_template: Any, matter: Any, secretary: Any
) -> None:
    template_archive(by=secretary, template=letter_template)
    with pytest.raises(ServiceError, match="archived"):
        document_generate(
            by=secretary, matter=matter, template=letter_template, raw_answers=ANSWERS
        )


def test_generate_can_write_a_copy(
    letter_template: Any, matter: Any, secretary: Any, tmp_path: Path
) -> None:
    out = tmp_path / "copy.docx"
    document_generate(
        by=secretary, matter=matter, template=letter_template, raw_answers=ANSWERS, out=out
    )
    assert "Department 17" in " ".join(p.text for p in docx.Document(str(out)).paragraphs)


# --- preview -----------------------------------------------------------------------------------


def test_preview_shows_placeholders_and_saves_nothing(
    letter_template: Any, matter: Any, secretary: Any
) -> None:
    preview = document_preview(
        by=secretary,
        matter=matter,
        template=letter_template,
        raw_answers={"hearing.department": "Dept. 9"},
    )
    assert preview.problem == ""
    text = "\n".join(s.text for b in preview.blocks for cell in b.cells for s in cell)
    assert CLIENT_NAME in text and "Dept. 9" in text
    placeholders = [
        s.text for b in preview.blocks for cell in b.cells for s in cell if s.placeholder
    ]
    assert placeholders == []  # the date is formatted by long_date: shown as today's date
    assert preview.notes and "today" in preview.notes[0]
    assert not Document.objects.exists() and not MatterAnswer.objects.exists()


def test_preview_marks_unanswered_text(matter: Any, secretary: Any, make_docx: Any) -> None:
    template = template_upload(
        by=secretary,
        name="Note",
        path=make_docx(["To {{ client.name }}: {{ letter.subject }}"]),
        filename="note.docx",
    )
    preview = document_preview(by=secretary, matter=matter, template=template, raw_answers={})
    segs = [s for b in preview.blocks for cell in b.cells for s in cell]
    assert any(s.placeholder and s.text.startswith("[Answer: ") for s in segs)
    assert preview.unanswered


def test_starter_install_is_idempotent_and_versions_only_on_change(
    admin_user: Any, secretary: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    starter = pytest.importorskip("casedesk.core.drafting.starter")
    from casedesk.web.drafting.template_services import starter_install

    with pytest.raises(ServiceError):
        starter_install(by=secretary)
    first = starter_install(by=admin_user)
    count = len(starter.starter_templates())
    assert len(first.created) == count and DraftTemplate.objects.count() == count
    again = starter_install(by=admin_user)
    assert again.created == [] and again.updated == [] and len(again.unchanged) == count
    assert TemplateVersion.objects.count() == count
    # a new library version of one template gives that template (only) a second version
    items = starter.starter_templates()
    bumped = items[0]
    import dataclasses

    monkeypatch.setattr(
        starter,
        "starter_templates",
        lambda: [dataclasses.replace(bumped, version=bumped.version + 1), *items[1:]],
    )
    third = starter_install(by=admin_user)
    assert third.updated == [DraftTemplate.objects.get(starter_id=bumped.id).name]
    assert TemplateVersion.objects.count() == count + 1
    assert shutil.which  # keeps the import used when the starter is skipped
    assert dt.date.today()
