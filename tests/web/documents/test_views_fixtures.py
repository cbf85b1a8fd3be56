"""Shared set-up for the documents view tests: a small firm, a walled matter, files to upload.

Each test gets its own blob store and search index (``docs_dirs``). Uploads go through the real
pages; text extraction, which the worker runs in production, is run here by ``extract_all``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casedesk.web.matters.models import EthicalWall, Matter, MatterTeamMember

CANARY = "ZEBRA-CANARY"
CANARY_WORD = "xylophonic"  # appears only in the walled matter's document


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    """Users are made with a quick hasher: these tests sign in with force_login."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def docs_dirs(settings: Any, tmp_path: Path) -> Path:
    """A fresh blob store, search index and upload folder for this test."""
    settings.CASEDESK_BLOB_DIR = tmp_path / "blobs"
    settings.CASEDESK_INDEX_DIR = tmp_path / "index"
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    settings.CASEDESK_UPLOAD_TMP_DIR = uploads
    settings.FILE_UPLOAD_TEMP_DIR = str(uploads)
    return tmp_path


def make_matter(number: str, title: str, *, attorney: Any = None) -> Matter:
    matter = Matter.objects.create(
        number=number,
        title=title,
        practice_area="litigation",
        status="open",
        responsible_attorney=attorney,
        court="Superior Court of California, County of Los Angeles",
        intake_on=dt.date(2026, 1, 5),
        opened_on=dt.date(2026, 1, 6),
    )
    if attorney is not None:
        MatterTeamMember.objects.create(matter=matter, user=attorney, role="lead")
    return matter


@pytest.fixture
def firm(docs_dirs: Path, attorney: Any, attorney2: Any, admin_user: Any) -> dict[str, Any]:
    """An open matter everyone may see, and a walled one that attorney2 ("bert") is screened from."""
    open_matter = make_matter("2027-0042", "Delgado v. Acme Holdings", attorney=attorney)
    walled = make_matter("2027-0666", f"{CANARY} Holdings dispute", attorney=attorney)
    EthicalWall.objects.create(
        matter=walled, user=attorney2, reason="lateral hire", created_by=admin_user
    )
    return {"open": open_matter, "walled": walled, "screened": attorney2}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload_file(
    name: str, content: bytes | str, content_type: str = "text/plain"
) -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type=content_type)


def post_upload(
    client: Client,
    matter: Matter,
    files: list[SimpleUploadedFile],
    *,
    xhr: bool = False,
    **fields: Any,
) -> Any:
    """Post the upload form of ``matter``'s case file (as upload.js does when ``xhr``)."""
    data: dict[str, Any] = {"files": files, **fields}
    headers = {"HTTP_X_CASEDESK_UPLOAD": "1"} if xhr else {}
    return client.post(f"/documents/matter/{matter.pk}/upload/", data, **headers)


def zip_bytes(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buffer.getvalue()


def file_text(by: Any, matter: Matter, name: str, text: str, **details: Any) -> Any:
    """File one text document through the service (set-up for tests of other pages)."""
    import tempfile

    from django.conf import settings

    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        documents_upload,
    )

    with tempfile.NamedTemporaryFile(dir=settings.CASEDESK_UPLOAD_TMP_DIR, delete=False) as fh:
        fh.write(text.encode("utf-8"))
    try:
        result = documents_upload(
            by=by,
            matter=matter,
            files=[IncomingFile(path=Path(fh.name), name=name)],
            details=DocumentDetails(**details),
        )
    finally:
        Path(fh.name).unlink(missing_ok=True)
    assert not result.rejected, result.rejected
    return result.documents[0]


def extract_all() -> int:
    """Read the text of every version still waiting (what the worker does in production)."""
    from casedesk.web.documents.extraction import version_extract
    from casedesk.web.documents.models import DocumentVersion

    ids = list(
        DocumentVersion.objects.filter(text_status__in=("pending", "running", "ocr"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        version_extract(pk)
    return len(ids)
