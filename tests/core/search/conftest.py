"""The sample documents, indexed once per module for the read-only tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casedesk.core.search.documents import DocumentIndex

from .sample_documents import DOCUMENTS


@pytest.fixture(scope="module")
def firm_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DocumentIndex]:
    index = DocumentIndex(tmp_path_factory.mktemp("firm") / "index" / "documents")
    assert index.upsert(DOCUMENTS) == len(DOCUMENTS)
    yield index


@pytest.fixture
def empty_index(tmp_path: Path) -> DocumentIndex:
    return DocumentIndex(tmp_path / "documents", lock_timeout_s=2.0)
