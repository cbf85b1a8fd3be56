"""Fixtures for the chronology app: a private data folder per test, a matter with parties
whose names are Vietnamese and Arabic, a screened user, a read-only user, and documents filed
through the documents service (their text set as extraction would have read it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.matters.models import EthicalWall
from tests.web.matters.factories import make_matter

CLIENT = "Nguyễn Thị Minh Khai"
ADVERSE = "شركة النور للتجارة"
WITNESS = "Trần Văn Bảo"


@pytest.fixture(autouse=True)
def chronology_storage(file_storage: Path, settings: Any) -> Path:
    """Blobs, uploads and work folders under the test's own folder."""
    settings.DATA_DIR = file_storage
    return file_storage


@pytest.fixture
def matter(attorney: Any) -> Any:
    """An open litigation matter with a client, an adverse party and a witness."""
    return make_matter(
        "2027-0042",
        "Nguyễn v. Al-Noor Trading",
        attorney=attorney,
        parties=[
            (CLIENT, "person", "client", ["Minh Khai Nguyen"]),
            (ADVERSE, "organization", "adverse-party", ["Al-Noor Trading Co."]),
            (WITNESS, "person", "witness", []),
        ],
    )


@pytest.fixture
def other_matter(attorney: Any) -> Any:
    return make_matter("2027-0043", "Another matter", attorney=attorney)


@pytest.fixture
def screened(make_user: Callable[..., Any], matter: Any, admin_user: Any) -> Any:
    """A clerk walled off from the matter."""
    user = make_user("clerk", "screened", "Screened Clerk")
    EthicalWall.objects.create(
        matter=matter, user=user, reason="lateral hire", created_by=admin_user
    )
    return user


@pytest.fixture
def people(matter: Any) -> dict[str, Any]:
    """The matter's parties by role."""
    return {p.role: p.contact for p in matter.parties.select_related("contact")}


@pytest.fixture
def file_doc(attorney: Any, matter: Any, tmp_path: Path) -> Callable[..., Any]:
    """File a text document to the matter: ``file_doc("name.txt", text, title=...)``; its
    text is set as extraction would have read it (``read=False`` leaves it waiting)."""
    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        document_add,
    )

    def factory(name: str, text: str, *, title: str = "", to: Any = None, read: bool = True) -> Any:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        document = document_add(
            by=attorney,
            matter=to or matter,
            incoming=IncomingFile(path, name),
            details=DocumentDetails(title=title),
        )
        version = document.current_version
        if read:
            version.text = text
            version.text_status = "done"
        else:
            version.text = ""
            version.text_status = "pending"
        version.save(update_fields=["text", "text_status"])
        return document

    return factory


LETTER = (
    "Dear Ms. Nguyễn:\n\n"
    "On March 5, 2024 the warehouse roof over bay 3 collapsed after the storm. "
    "We notified Al-Noor Trading in writing on March 7, 2024. "
    "No repair was made during April 2024, and the inventory loss was assessed in May 2024.\n\f"
    "The lease ended on June 1, 2024. Nothing here has a date at all.\n"
)
