"""Fixtures for the trial app: a private data folder per test, a matter in court with a
screened user, and real files made in the test (PDFs with a text layer, an encrypted PDF, a
Word file, a PNG, a ZIP) filed to the matter through the documents service."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.matters.models import EthicalWall
from tests.web.matters.factories import make_matter
from tests.web.sample_files import make_docx, make_encrypted_pdf, make_pdf  # noqa: F401 (re-exported)


@pytest.fixture(autouse=True)
def trial_storage(file_storage: Path, settings: Any) -> Path:
    """Blobs, uploads and work folders under the test's own folder."""
    settings.DATA_DIR = file_storage
    return file_storage


def make_png(path: Path) -> Path:
    """A small grey picture (PNG, made without Pillow's help if it is missing)."""
    try:
        from PIL import Image

        Image.new("RGB", (300, 200), (200, 200, 200)).save(path, "PNG")
    except ImportError:  # pragma: no cover - Pillow comes with img2pdf's dependencies
        pytest.skip("Pillow is not installed")
    return path


def make_zip(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("inside.txt", "hello")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def matter(attorney: Any) -> Any:
    """An open litigation matter in federal court, with its case number and judge."""
    matter = make_matter("2027-0042", "Delgado v. Acme Holdings", attorney=attorney)
    matter.court = "United States District Court\nDistrict of Arizona"
    matter.case_number = "2:27-cv-01234"
    matter.judge = "Hon. Maria Ruiz"
    matter.save()
    return matter


@pytest.fixture
def screened(make_user: Callable[..., Any], matter: Any, admin_user: Any) -> Any:
    """A clerk walled off from the matter."""
    user = make_user("clerk", "screened", "Screened Clerk")
    EthicalWall.objects.create(
        matter=matter, user=user, reason="lateral hire", created_by=admin_user
    )
    return user


@pytest.fixture
def file_doc(attorney: Any, matter: Any, tmp_path: Path) -> Callable[..., Any]:
    """File a path to the matter: ``file_doc(path, title=..., date=..., privileged=...)``."""
    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        document_add,
    )

    def factory(
        path: Path,
        *,
        title: str = "",
        date: dt.date | None = None,
        privileged: bool = False,
        author: str = "",
        text: str = "",
        by: Any = None,
        to: Any = None,
    ) -> Any:
        document = document_add(
            by=by or attorney,
            matter=to or matter,
            incoming=IncomingFile(path, path.name),
            details=DocumentDetails(
                title=title, document_date=date, privileged=privileged, author=author
            ),
        )
        if text:  # what text extraction would have read (it runs in the worker)
            version = document.current_version
            version.text = text
            version.text_status = "done"
            version.save(update_fields=["text", "text_status"])
        return document

    return factory


@pytest.fixture
def pdf_docs(file_doc: Callable[..., Any], tmp_path: Path) -> list[Any]:
    """Three PDFs of the matter, dated in order: a contract, a letter and an invoice."""
    return [
        file_doc(
            make_pdf(tmp_path / "contract.pdf", 3, text="Contract page"),
            title="Master services agreement",
            date=dt.date(2024, 3, 5),
        ),
        file_doc(
            make_pdf(tmp_path / "letter.pdf", 1, text="Letter"),
            title="Notice of default",
            date=dt.date(2024, 6, 1),
        ),
        file_doc(
            make_pdf(tmp_path / "invoice.pdf", 2, text="Invoice"),
            title="Invoice 4471",
            date=dt.date(2024, 7, 9),
        ),
    ]
