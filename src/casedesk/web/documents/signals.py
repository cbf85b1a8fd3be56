"""Signals the documents app sends, so other apps can act on a filed document without the
documents app importing them."""

from __future__ import annotations

from django.dispatch import Signal

text_ready = Signal()
"""Sent by the worker when the current version of a document has its text read
(``sender=DocumentVersion``, ``version=<the version>``). Receivers must not raise: the
extraction is already saved; a receiver logs its own failures."""
