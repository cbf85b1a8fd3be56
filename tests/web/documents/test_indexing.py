"""The worker reads queued documents, indexes them in one batch, and search sees them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from casedesk.web.documents import document_services as svc
from casedesk.web.documents.indexing import document_index, reindex_all
from casedesk.web.documents.models import DocumentVersion
from casedesk.web.documents.selectors import document_search
from casedesk.web.documents.tasks import documents_index_pending

pytestmark = pytest.mark.django_db


def test_a_batch_upload_is_read_by_the_worker_and_indexed_in_one_batch(
    secretary: Any,
    matter: Any,
    make_file: Callable[..., Path],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        svc.documents_upload(
            by=secretary,
            matter=matter,
            files=[
                svc.IncomingFile(
                    make_file(f"Deposition of witness {n}: the forklift", "d.txt"), f"d{n}.txt"
                )
                for n in range(4)
            ],
        )
    call_command("db_worker", "--batch")
    assert set(DocumentVersion.objects.values_list("text_status", flat=True)) == {"done"}
    assert not DocumentVersion.objects.filter(indexed_at__isnull=True).exists()
    batches = DBTaskResult.objects.filter(task_path=documents_index_pending.module_path)
    assert batches.count() == 1 and batches.get().status == "SUCCESSFUL"
    assert document_search(secretary, "forklift").total == 4


def test_reindex_all_swaps_in_a_fresh_index(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    from casedesk.web.documents.extraction import version_extract

    doc = svc.document_add(
        by=secretary, matter=matter, incoming=svc.IncomingFile(make_file("quince orchard"), "q.txt")
    )
    version_extract(doc.current_version_id)
    document_index().clear()
    assert document_search(secretary, "quince").total == 0
    assert reindex_all() == 1
    assert document_search(secretary, "quince").total == 1


def test_a_post_far_over_the_upload_limit_is_refused_not_a_server_error(
    secretary: Any, matter: Any, settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from tests.conftest import PASSWORD

    settings.CASEDESK_MAX_UPLOAD_BYTES = 1000
    client = Client(enforce_csrf_checks=True)
    client.login(username=secretary.username, password=PASSWORD)
    big = SimpleUploadedFile("big.bin", b"x" * (1024 * 1024 + 5000))
    # A page that takes no upload: the CSRF check reads the body first.
    response = client.post(f"/documents/matter/{matter.pk}/bulk/", {"files": [big]})
    assert response.status_code == 403  # the CSRF token was in the refused body
    big = SimpleUploadedFile("big.bin", b"x" * (1024 * 1024 + 5000))
    upload = client.post(f"/documents/matter/{matter.pk}/upload/", {"files": [big]})
    assert upload.status_code == 413 and b"upload limit" in upload.content
    assert not DocumentVersion.objects.exists()
