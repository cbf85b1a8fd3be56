"""The preliminary case report without the database: its data (:mod:`.model`), the Word
writer (:mod:`.word`) and the PDF assembly (:mod:`.pdf`: WeasyPrint parts rendered, merged
and numbered).
"""

from casedesk.core.reports.model import (
    PRIVILEGE_LEGEND,
    SECTION_KEYS,
    SECTION_TITLES,
    SECTIONS,
    Authority,
    CaseReport,
    Chronology,
    ConflictHit,
    ConflictSummary,
    Deadline,
    Deadlines,
    DocumentEntry,
    Fact,
    KeyDate,
    OpenTask,
    Party,
    Summary,
    section_order,
)
from casedesk.core.reports.word import write_report_docx

__all__ = [
    "PRIVILEGE_LEGEND",
    "SECTIONS",
    "SECTION_KEYS",
    "SECTION_TITLES",
    "Authority",
    "CaseReport",
    "Chronology",
    "ConflictHit",
    "ConflictSummary",
    "Deadline",
    "Deadlines",
    "DocumentEntry",
    "Fact",
    "KeyDate",
    "OpenTask",
    "Party",
    "Summary",
    "section_order",
    "write_report_docx",
]
