"""Filing documents: content-addressed storage, versions, check-out, bulk edits, bad input."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.documents import document_services as svc
from casedesk.web.documents.blob_store import blob_path
from casedesk.web.documents.extraction import version_extract
from casedesk.web.documents.models import Blob, Category, Document, TextStatus
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import EthicalWall

pytestmark = pytest.mark.django_db


def add(by: Any, matter: Any, path: Path, name: str, **details: Any) -> Document:
    return svc.document_add(
        by=by,
        matter=matter,
        incoming=svc.IncomingFile(path=path, name=name),
        details=svc.DocumentDetails(**details),
    )


def test_a_file_is_stored_by_content_hash_not_by_its_name(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    doc = add(secretary, matter, make_file("Letter to client.", "a.txt"), "../../etc/passwd")
    version = doc.current_version
    stored = blob_path(version.blob_id)
    assert stored.read_bytes() == b"Letter to client."
    assert "passwd" not in str(stored) and stored.name == version.blob_id
    assert version.filename == "passwd" and doc.title == "passwd"
    assert doc.category.slug == "internal" and version.number == 1
    entry = AuditEntry.objects.get(action="create", object_type="document")
    assert entry.matter_id == matter.pk and entry.data["sha256"] == version.blob_id


def test_the_same_bytes_twice_share_one_blob_and_nothing_is_overwritten(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    one = add(secretary, matter, make_file("same", "one.txt"), "one.txt")
    two = add(secretary, matter, make_file("same", "two.txt"), "two.txt")
    assert one.current_version.blob_id == two.current_version.blob_id
    assert Blob.objects.count() == 1
    assert blob_path(one.current_version.blob_id).read_bytes() == b"same"


@pytest.mark.parametrize(
    "name",
    ["Hợp đồng thuê nhà.txt", "عقد الإيجار.txt", "合同.txt", "bell\x07name.txt"],
)
def test_unicode_names_are_kept_and_control_characters_dropped(
    secretary: Any, matter: Any, make_file: Callable[..., Path], name: str
) -> None:
    doc = add(secretary, matter, make_file("text", "x.txt"), name)
    assert doc.current_version.filename == name.replace("\x07", "")


def test_an_empty_file_is_refused_with_a_clear_message(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    result = svc.documents_upload(
        by=secretary,
        matter=matter,
        files=[
            svc.IncomingFile(make_file(b"", "empty.pdf"), "empty.pdf"),
            svc.IncomingFile(make_file("fine", "ok.txt"), "ok.txt"),
        ],
    )
    assert [d.title for d in result.documents] == ["ok"]
    assert result.rejected == [("empty.pdf", "empty.pdf is empty (0 bytes); it was not filed.")]


def test_a_file_over_the_limit_is_refused(
    secretary: Any, matter: Any, make_file: Callable[..., Path], settings: Any
) -> None:
    settings.CASEDESK_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ServiceError, match="larger than the upload limit"):
        add(secretary, matter, make_file("x" * 11, "big.txt"), "big.txt")
    assert not Document.objects.exists() and not Blob.objects.exists()


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_zip_is_expanded_with_its_folders_and_bad_entries_refused(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    data = _zip(
        {
            "Production/letters/one.txt": b"first letter",
            "Production/two.txt": b"second",
            "../evil.txt": b"escape",
            "/etc/passwd": b"root",
            "empty.txt": b"",
        }
    )
    result = svc.documents_upload(
        by=secretary,
        matter=matter,
        files=[svc.IncomingFile(make_file(data, "set.zip"), "Set One.zip")],
        details=svc.DocumentDetails(tags=("production",)),
    )
    filed = {(d.folder, d.current_version.filename) for d in result.documents}
    assert filed == {("Set One/Production/letters", "one.txt"), ("Set One/Production", "two.txt")}
    reasons = dict(result.rejected)
    assert any("evil" in name for name in reasons) and any("passwd" in n for n in reasons)
    assert any("empty" in reason for reason in reasons.values())
    assert all(
        list(d.tags.values_list("name", flat=True)) == ["production"] for d in result.documents
    )


def test_a_damaged_zip_is_filed_as_it_is(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    data = _zip({"a.txt": b"hello" * 100})[:-30]
    result = svc.documents_upload(
        by=secretary, matter=matter, files=[svc.IncomingFile(make_file(data, "x.zip"), "x.zip")]
    )
    assert [d.current_version.filename for d in result.documents] == ["x.zip"]


def test_a_zip_bomb_is_filed_as_it_is_and_not_expanded(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    data = _zip({"zeros.txt": b"\0" * (20 * 1024 * 1024)})
    assert len(data) < 100_000
    result = svc.documents_upload(
        by=secretary, matter=matter, files=[svc.IncomingFile(make_file(data, "b.zip"), "b.zip")]
    )
    assert [d.current_version.filename for d in result.documents] == ["b.zip"]
    assert "not expanded" in result.notes[0]


def test_new_versions_keep_history_and_restore_makes_a_new_version(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    doc = add(secretary, matter, make_file("draft one", "m.txt"), "motion.txt")
    v1 = doc.current_version
    v2 = svc.version_add(
        by=secretary,
        document=doc,
        incoming=svc.IncomingFile(make_file("draft two", "m.txt"), "motion.txt"),
        comment="Partner's edits",
    )
    assert v2.number == 2 and doc.current_version == v2
    v3 = svc.version_restore(by=secretary, document=doc, version=v1)
    assert v3.number == 3 and v3.blob_id == v1.blob_id and v3.restored_from == v1
    assert list(doc.versions.values_list("number", flat=True)) == [3, 2, 1]
    assert blob_path(v2.blob_id).read_bytes() == b"draft two"


def test_a_checked_out_document_takes_versions_only_from_its_holder(
    secretary: Any, clerk: Any, matter: Any, make_file: Callable[..., Path], admin_user: Any
) -> None:
    doc = add(secretary, matter, make_file("v1", "a.txt"), "a.txt")
    svc.document_check_out(by=secretary, document=doc)
    with pytest.raises(AccessDenied, match="checked out"):
        svc.version_add(
            by=clerk, document=doc, incoming=svc.IncomingFile(make_file("v2", "a.txt"), "a.txt")
        )
    with pytest.raises(AccessDenied):
        svc.document_release(by=clerk, document=doc)
    svc.version_add(
        by=secretary,
        document=doc,
        incoming=svc.IncomingFile(make_file("v2", "a.txt"), "a.txt"),
        check_in=True,
    )
    doc.refresh_from_db()
    assert doc.checked_out_by is None and doc.current_version.number == 2
    svc.document_check_out(by=clerk, document=doc)
    svc.document_release(by=admin_user, document=doc)
    doc.refresh_from_db()
    assert doc.checked_out_by is None


def test_update_and_bulk_update_audit_each_change(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    a = add(secretary, matter, make_file("a", "a.txt"), "a.txt")
    b = add(secretary, matter, make_file("b", "b.txt"), "b.txt")
    svc.document_update(by=secretary, document=a, title="Deposition of Lê Văn Thành", tags=["Hot"])
    assert a.title == "Deposition of Lê Văn Thành" and list(
        a.tags.values_list("name", flat=True)
    ) == ["hot"]
    discovery = Category.objects.get(slug="discovery")
    changed = svc.documents_bulk_update(
        by=secretary,
        documents=[a, b],
        category=discovery,
        add_tags=["exhibit"],
        remove_tags=["hot"],
    )
    assert changed == 2
    a.refresh_from_db()
    assert a.category == discovery and sorted(a.tags.values_list("name", flat=True)) == ["exhibit"]
    assert AuditEntry.objects.filter(summary__startswith="Bulk update").count() == 2
    with pytest.raises(ServiceError, match="Choose a category or tags"):
        svc.documents_bulk_update(by=secretary, documents=[a])


def test_walled_and_read_only_users_cannot_file(
    readonly: Any, attorney2: Any, matter: Any, make_file: Callable[..., Path], attorney: Any
) -> None:
    with pytest.raises(AccessDenied):
        add(readonly, matter, make_file("x", "x.txt"), "x.txt")
    EthicalWall.objects.create(matter=matter, user=attorney2, reason="screen", created_by=attorney)
    with pytest.raises(ServiceError, match="No such matter"):
        add(attorney2, matter, make_file("x", "x.txt"), "x.txt")


def test_extraction_reads_text_and_flags_what_it_cannot_read(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    text_doc = add(secretary, matter, make_file("The lease ends in May.", "l.txt"), "lease.txt")
    junk = add(secretary, matter, make_file(b"\x00\x01\x02binary\xff" * 50, "x.bin"), "x.bin")
    bad_pdf = add(secretary, matter, make_file(b"%PDF-1.7\n garbage", "bad.pdf"), "bad.pdf")
    for doc in (text_doc, junk, bad_pdf):
        version_extract(doc.current_version_id)
    text_doc.current_version.refresh_from_db()
    assert text_doc.current_version.text_status == TextStatus.DONE
    assert "lease ends" in text_doc.current_version.text
    junk.current_version.refresh_from_db()
    assert junk.current_version.text_status == TextStatus.NONE
    bad_pdf.current_version.refresh_from_db()
    assert bad_pdf.current_version.text_status == TextStatus.FAILED
    assert bad_pdf.current_version.text_message  # a sentence, not a traceback
    assert "Traceback" not in bad_pdf.current_version.text_message


def test_category_create_is_for_administrators(secretary: Any, admin_user: Any) -> None:
    with pytest.raises(AccessDenied):
        svc.category_create(by=secretary, name="Medical records")
    cat = svc.category_create(by=admin_user, name="Medical records")
    assert cat.slug == "medical-records" and not cat.builtin
    with pytest.raises(ServiceError, match="already"):
        svc.category_create(by=admin_user, name="medical records")


def test_an_encrypted_pdf_is_stored_and_flagged_not_refused(
    secretary: Any, matter: Any, make_file: Callable[..., Path], tmp_path: Path
) -> None:
    import pikepdf

    locked = tmp_path / "locked.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    doc = add(secretary, matter, locked, "Settlement (locked).pdf")
    version_extract(doc.current_version_id)
    doc.current_version.refresh_from_db()
    assert doc.current_version.text_status == TextStatus.ENCRYPTED
    assert "password-protected" in doc.current_version.text_message
    assert blob_path(doc.current_version.blob_id).read_bytes() == locked.read_bytes()
