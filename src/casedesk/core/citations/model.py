"""The values the citations package hands out: found citations, library opinions, check results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

# Kinds of citation (FoundCitation.kind), one per eyecite citation class.
FULL = "full"
SHORT = "short"
ID = "id"
SUPRA = "supra"
LAW = "law"
JOURNAL = "journal"
REFERENCE = "reference"
UNKNOWN = "unknown"
KINDS = (FULL, SHORT, ID, SUPRA, LAW, JOURNAL, REFERENCE, UNKNOWN)

# Cite-check statuses (CheckedCitation.status).
FOUND = "found"
NOT_FOUND = "not_found"
NAME_MISMATCH = "name_mismatch"
YEAR_MISMATCH = "year_mismatch"
MALFORMED = "malformed"
AMBIGUOUS = "ambiguous"
STATUSES = (FOUND, NOT_FOUND, NAME_MISMATCH, YEAR_MISMATCH, MALFORMED, AMBIGUOUS)


@dataclass(frozen=True)
class FoundCitation:
    """One citation eyecite found in a text, normalised and resolved.

    ``text`` is ``source[start:end]`` (eyecite's span: for "Id." and "supra" it includes the
    pin cite). ``normalized`` is "410 U.S. 113" for full and short case citations (a short
    form gives its own volume, reporter and page), the antecedent's for Id./supra/reference
    citations, and "" otherwise (law, journal and unknown citations, pages like "___").
    """

    index: int
    kind: str
    text: str
    normalized: str
    volume: str
    reporter: str
    page: str
    pin_cite: str
    year: int | None
    case_name: str
    court: str
    start: int
    end: int
    sentence: str
    antecedent: int | None


@dataclass(frozen=True)
class LibraryOpinion:
    """An opinion the firm's library holds, with its own (normalised) citations."""

    id: str
    case_name: str
    year: int | None
    citations: tuple[str, ...]


class CitationLibrary(Protocol):
    """Where cite-check looks citations up: one batched call per check."""

    def lookup(self, normalized: Sequence[str]) -> Mapping[str, Sequence[LibraryOpinion]]:
        """Map each normalised citation the library knows to the opinions carrying it."""
        ...


@dataclass(frozen=True)
class CheckedCitation:
    """A case citation of a draft with what the library says about it."""

    citation: FoundCitation
    status: str
    opinion_id: str | None
    message: str
