"""Trial materials without a database: exhibit numbering, the AO 187 exhibit list and the
FRCP 26(a)(3) witness list as Word documents."""

from casedesk.core.trial.exhibits import (
    AO187_FOOTNOTE,
    STYLES,
    ExhibitRow,
    exhibit_list_docx,
    exhibit_number_value,
    exhibit_numbers,
    exhibit_sort_key,
    letters_label,
)
from casedesk.core.trial.witnesses import WitnessRow, party_possessive, witness_list_docx

__all__ = [
    "AO187_FOOTNOTE",
    "STYLES",
    "ExhibitRow",
    "WitnessRow",
    "exhibit_list_docx",
    "exhibit_number_value",
    "exhibit_numbers",
    "exhibit_sort_key",
    "letters_label",
    "party_possessive",
    "witness_list_docx",
]
