"""Case law: court opinions read from CourtListener, CAP, casedesk JSONL and loose files.

* :mod:`.formats`: files -> :class:`~.formats.OpinionRecord` (or :class:`~.formats.Rejected`
  with the reason), streaming and resumable.

The search index of opinions is :mod:`casedesk.core.search.caselaw`.
"""

from casedesk.core.caselaw.formats import (
    FORMATS,
    OpinionRecord,
    Rejected,
    detect_format,
    read_records,
)

__all__ = ["FORMATS", "OpinionRecord", "Rejected", "detect_format", "read_records"]
