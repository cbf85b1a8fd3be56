"""Fixtures for the documents app: a private blob store and index per test, a matter, files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.web.matters.factories import make_matter


@pytest.fixture(autouse=True)
def doc_storage(file_storage: Path) -> Path:
    """Every test here stores its files under its own folder (tests/conftest.py)."""
    return file_storage


@pytest.fixture
def matter(attorney: Any) -> Any:
    """An open matter of the attorney, in federal court in California."""
    m = make_matter("2027-0201", "Nguyễn Thị Minh v. شركة الأمل", attorney=attorney)
    m.court = "United States District Court, Northern District of California"
    m.save()
    return m


@pytest.fixture
def make_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a file with the given bytes (or text) under the test's folder and return its path."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    counter = iter(range(1_000_000))

    def factory(content: bytes | str, name: str = "file.txt") -> Path:
        path = folder / f"{next(counter)}-{name}"
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return factory
