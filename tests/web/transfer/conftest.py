"""Fixtures for the import/export tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def small_firm(db: None) -> object:
    """A small demo firm (with its one wall on chloe.attorney); returns the demo summary."""
    from casedesk.web.demo import demo_load

    return demo_load(seed=9, clients=8, matters=14)


@pytest.fixture
def csv_bytes() -> Callable[..., bytes]:
    """Build CSV bytes from lines: ``csv_bytes("a,b", "1,2")``."""

    def build(*lines: str, encoding: str = "utf-8") -> bytes:
        return ("\r\n".join(lines) + "\r\n").encode(encoding)

    return build
