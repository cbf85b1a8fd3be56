"""Table of authorities from a brief (PDF or DOCX), without a database.

* :func:`generate_toa` -- the brief in, a :class:`ToaResult` out (entries by category, with
  printed page references, footnotes as "5 n.3", ranges, passim).
* :func:`toa_json`, :func:`write_toa_docx`, :func:`write_toa_pdf` -- the table as JSON, as a
  Word section ready to paste into the brief, as PDF.
* :func:`merge_entries`, :func:`rename_entry`, :func:`move_entry` -- the review edits.

Legal conventions (categories and their order, citation forms of codes and rules, signals,
subsequent-history phrases) are data in ``data/``.
"""

from casedesk.core.toa.edit import merge_entries, move_entry, rename_entry
from casedesk.core.toa.export import toa_json, write_toa_docx, write_toa_pdf
from casedesk.core.toa.generate import generate_toa, toa_from_pages, toa_from_text
from casedesk.core.toa.model import (
    CASES,
    CATEGORIES,
    CONSTITUTIONAL,
    OTHER,
    PAGE_SYSTEMS,
    REGULATIONS,
    RULES,
    STATUTES,
    ToaEntry,
    ToaInputError,
    ToaResult,
)

__all__ = [
    "CASES",
    "CATEGORIES",
    "CONSTITUTIONAL",
    "OTHER",
    "PAGE_SYSTEMS",
    "REGULATIONS",
    "RULES",
    "STATUTES",
    "ToaEntry",
    "ToaInputError",
    "ToaResult",
    "generate_toa",
    "merge_entries",
    "move_entry",
    "rename_entry",
    "toa_from_pages",
    "toa_from_text",
    "toa_json",
    "write_toa_docx",
    "write_toa_pdf",
]
