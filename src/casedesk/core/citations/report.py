"""Cite-check results as the JSON the CLI prints (``casedesk cite-check FILE --json``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from casedesk.core.citations.model import CheckedCitation


def cite_check_json(results: Iterable[CheckedCitation]) -> dict[str, Any]:
    """``{"citations": [{"text", "normalized", "status", "opinion_id", "sentence"}]}``."""
    return {
        "citations": [
            {
                "text": result.citation.text,
                "normalized": result.citation.normalized,
                "status": result.status,
                "opinion_id": result.opinion_id,
                "sentence": result.citation.sentence,
            }
            for result in results
        ]
    }
