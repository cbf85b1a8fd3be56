"""Fixtures for the productions app: a private data folder per test, a matter with a
screened user, and real files made in the test (PDFs with a text layer, an encrypted PDF,
Word, PNG and spreadsheet files) filed to the matter through the documents service."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.matters.models import EthicalWall
from tests.web.matters.factories import make_matter
from tests.web.sample_files import make_docx, make_encrypted_pdf, make_pdf  # noqa: F401 (re-exported)


@pytest.fixture(autouse=True)
def production_storage(file_storage: Path, settings: Any) -> Path:
    """Blobs, uploads and work folders under the test's own folder."""
    settings.DATA_DIR = file_storage
    return file_storage


def make_png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (850, 1100), (250, 250, 240)).save(path)
    return path


def make_xlsx(path: Path) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Damages")
    sheet.write_row(0, 0, ["Item", "Amount"])
    sheet.write_row(1, 0, ["Repairs", 1200])
    book.close()
    return path


@pytest.fixture
def matter(attorney: Any) -> Any:
    return make_matter("2027-0701", "Acme Corp. v. Nguyễn Trading", attorney=attorney)


@pytest.fixture
def screened(make_user: Callable[..., Any], matter: Any, admin_user: Any) -> Any:
    """A clerk walled off from the matter."""
    user = make_user("clerk", "screened", "Screened Clerk")
    EthicalWall.objects.create(
        matter=matter, user=user, reason="lateral hire", created_by=admin_user
    )
    return user


@pytest.fixture
def file_doc(tmp_path: Path, attorney: Any, matter: Any) -> Callable[..., Any]:
    """File a file to the matter as a document: ``file_doc(path, title=..., **details)``."""
    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        document_add,
    )

    def factory(
        path: Path, *, title: str = "", name: str = "", target: Any = None, **details: Any
    ) -> Any:
        return document_add(
            by=attorney,
            matter=target or matter,
            incoming=IncomingFile(path, name or path.name),
            details=DocumentDetails(title=title, **details),
        )

    return factory


@pytest.fixture
def pdf_doc(tmp_path: Path, file_doc: Callable[..., Any]) -> Callable[..., Any]:
    """A PDF document of ``pages`` pages filed to the matter."""
    counter = iter(range(1, 1_000_000))

    def factory(pages: int = 2, *, name: str = "", text: str = "Page", **details: Any) -> Any:
        number = next(counter)
        path = make_pdf(tmp_path / f"made-{number}.pdf", pages, text=text)
        return file_doc(path, name=name or f"document-{number}.pdf", **details)

    return factory
