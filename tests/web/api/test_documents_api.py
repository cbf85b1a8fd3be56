"""The documents endpoints of the REST API: upload, list, search, download, trash; walls apply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casedesk.web.api.services import api_token_create
from casedesk.web.documents.extraction import version_extract
from casedesk.web.documents.models import DocumentVersion
from casedesk.web.documents.retention_services import hold_place
from casedesk.web.matters.models import EthicalWall
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(settings: Any, tmp_path: Path) -> None:
    settings.CASEDESK_BLOB_DIR = tmp_path / "blobs"
    settings.CASEDESK_INDEX_DIR = tmp_path / "index"
    settings.CASEDESK_UPLOAD_TMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()


def bearer(user: Any) -> dict[str, str]:
    _, key = api_token_create(by=user, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_upload_list_search_download_and_trash(client: Client, attorney: Any) -> None:
    matter = make_matter("2027-0401", "Trần v. Coastline", attorney=attorney)
    auth = bearer(attorney)
    response = client.post(
        f"/api/v1/matters/{matter.pk}/documents",
        {
            "files": [
                SimpleUploadedFile("Biên bản.txt", "Biên bản about the turbine.".encode()),
                SimpleUploadedFile("empty.txt", b""),
            ],
            "category": "evidence",
        },
        **auth,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [d["filename"] for d in body["documents"]] == ["Biên bản.txt"]
    assert body["rejected"][0]["name"] == "empty.txt"
    doc_id = body["documents"][0]["id"]
    for version in DocumentVersion.objects.all():
        version_extract(version.pk)
    listed = client.get(f"/api/v1/matters/{matter.pk}/documents", **auth).json()
    assert listed[0]["category"] == "evidence" and listed[0]["text_status"] == "done"
    found = client.get("/api/v1/documents/search", {"q": "turbine"}, **auth).json()
    assert found["total"] == 1 and found["hits"][0]["id"] == doc_id
    content = client.get(f"/api/v1/documents/{doc_id}/content", **auth)
    assert content.status_code == 200
    assert b"".join(content.streaming_content) == "Biên bản about the turbine.".encode()
    assert "filename*=utf-8''Bi%C3%AAn" in content["Content-Disposition"]
    hold_place(by=attorney, matter=matter, reason="Hold")
    refused = client.delete(f"/api/v1/documents/{doc_id}", **auth)
    assert refused.status_code == 400 and "legal hold" in refused.json()["detail"]


def test_walled_user_gets_404_and_no_hits(
    client: Client, attorney: Any, attorney2: Any, admin_user: Any
) -> None:
    matter = make_matter("2027-0402", "Walled", attorney=attorney)
    auth = bearer(attorney)
    doc_id = client.post(
        f"/api/v1/matters/{matter.pk}/documents",
        {"files": [SimpleUploadedFile("a.txt", b"secret turbine plan")]},
        **auth,
    ).json()["documents"][0]["id"]
    version_extract(DocumentVersion.objects.get().pk)
    EthicalWall.objects.create(matter=matter, user=attorney2, reason="x", created_by=admin_user)
    other = bearer(attorney2)
    assert client.get(f"/api/v1/documents/{doc_id}", **other).status_code == 404
    assert client.get(f"/api/v1/documents/{doc_id}/content", **other).status_code == 404
    assert client.get("/api/v1/documents/search", {"q": "turbine"}, **other).json()["total"] == 0


def test_an_oversized_upload_is_refused_before_it_is_stored(
    client: Client, attorney: Any, settings: Any, tmp_path: Path
) -> None:
    settings.CASEDESK_MAX_UPLOAD_BYTES = 1000
    matter = make_matter("2027-0403", "Big", attorney=attorney)
    response = client.post(
        f"/api/v1/matters/{matter.pk}/documents",
        {"files": [SimpleUploadedFile("big.bin", b"x" * 5000)]},
        **bearer(attorney),
    )
    assert response.status_code == 413 and "upload limit" in response.json()["detail"]
    assert not any((tmp_path / "blobs").rglob("*")) if (tmp_path / "blobs").exists() else True
