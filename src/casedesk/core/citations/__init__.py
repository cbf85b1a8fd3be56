"""Case citations: find them (eyecite), normalise them (reporters-db), check them.

* :mod:`.extract`: ``extract_citations`` -- every citation eyecite finds, with its sentence
  and, for Id./supra/short forms, the full citation it refers to.
* :mod:`.normalize`: ``normalize_citation`` ("410 U. S. 113" -> "410 U.S. 113"),
  ``parse_citation_list``.
* :mod:`.names`: party names compared word by word, Bluebook T6 abbreviations as data.
* :mod:`.check`: ``cite_check`` against a ``CitationLibrary``; :mod:`.report`: its JSON.
"""

from casedesk.core.citations.check import MemoryCitationLibrary, cite_check
from casedesk.core.citations.extract import extract_citations
from casedesk.core.citations.model import (
    AMBIGUOUS,
    FOUND,
    KINDS,
    MALFORMED,
    NAME_MISMATCH,
    NOT_FOUND,
    STATUSES,
    YEAR_MISMATCH,
    CheckedCitation,
    CitationLibrary,
    FoundCitation,
    LibraryOpinion,
)
from casedesk.core.citations.names import names_match
from casedesk.core.citations.normalize import normalize_citation, parse_citation_list
from casedesk.core.citations.report import cite_check_json

__all__ = [
    "AMBIGUOUS",
    "FOUND",
    "KINDS",
    "MALFORMED",
    "NAME_MISMATCH",
    "NOT_FOUND",
    "STATUSES",
    "YEAR_MISMATCH",
    "CheckedCitation",
    "CitationLibrary",
    "FoundCitation",
    "LibraryOpinion",
    "MemoryCitationLibrary",
    "cite_check",
    "cite_check_json",
    "extract_citations",
    "names_match",
    "normalize_citation",
    "parse_citation_list",
]
