"""Reporter normalisation: "410 U. S. 113", "410 US 113" -> "410 U.S. 113".

eyecite matches reporters-db's reporters and their variations and guesses the edition
(``edition_guess``, narrowed by year); we take its short name. When eyecite leaves more than
one edition, we use the one short name they share, or reporters-db's ``VARIATIONS_ONLY``
table when it names a single reporter; otherwise the reporter stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import reporters_db
from eyecite import get_citations
from eyecite.models import CaseCitation, CitationBase, FullCaseCitation

_SPACES = re.compile(r"\s+")
_LIST_SEPARATORS = re.compile(r"[\n;]+")


def collapse(text: str) -> str:
    """Whitespace runs made one space, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def _variations() -> dict[str, list[str]]:
    variations: dict[str, list[str]] = reporters_db.VARIATIONS_ONLY
    return variations


@lru_cache(maxsize=1)
def _case_reporters() -> frozenset[str]:
    names: set[str] = set()
    reporters: dict[str, list[dict[str, Any]]] = reporters_db.REPORTERS
    for key, entries in reporters.items():
        names.add(key)
        for entry in entries:
            names.update(entry.get("editions", {}))
            names.update(entry.get("variations", {}))
    return frozenset(names)


def is_case_reporter(reporter: str) -> bool:
    """Whether ``reporter`` names a case reporter of reporters-db ("U.S.", "F.3d").

    The Federal Register, the C.F.R., statutes and law journals are not case reporters,
    even when eyecite reads "87 Fed. Reg. at 24,685" as a short case citation.
    """
    return collapse(reporter) in _case_reporters()


def normal_reporter(citation: CitationBase) -> str:
    """The reporter's standard abbreviation ("U.S." for "U. S." or "US")."""
    groups: dict[str, Any] = citation.groups
    written = collapse(str(groups.get("reporter") or ""))
    edition = getattr(citation, "edition_guess", None)
    if edition is not None:
        return str(edition.short_name)
    names = {str(e.short_name) for e in getattr(citation, "all_editions", ())}
    if len(names) == 1:
        return names.pop()
    standard = set(_variations().get(written, ()))
    if len(standard) == 1:
        return standard.pop()
    return written


def page_is_number(page: str | None) -> bool:
    """Whether a page is a real page ("113", "1a", "(U)" pages aside: it has a digit)."""
    return bool(page) and any(ch.isdigit() for ch in str(page))


def case_key(citation: CitationBase) -> str:
    """A case citation's normalised "volume reporter page", or "" when it has no real page."""
    if not isinstance(citation, CaseCitation):
        return ""
    groups: dict[str, Any] = citation.groups
    page_group = groups.get("page")
    if not page_is_number(page_group):
        return ""
    corrected_page = citation.corrected_page()  # type: ignore[no-untyped-call]
    page = collapse(str(corrected_page if corrected_page else page_group))
    volume = collapse(str(groups.get("volume") or ""))
    reporter = normal_reporter(citation)
    matched = collapse(str(citation.matched_text()))  # type: ignore[no-untyped-call]
    if isinstance(citation, FullCaseCitation) and volume and not matched.startswith(volume + " "):
        # A special format such as a public-domain citation ("2004-NMSC-001"): keep its shape.
        written = collapse(str(groups.get("reporter") or ""))
        return collapse(matched.replace(written, reporter, 1)) if written else matched
    return " ".join(part for part in (volume, reporter, page) if part)


@lru_cache(maxsize=4096)
def normalize_citation(text: str) -> str | None:
    """One citation string -> "410 U.S. 113"; None when it holds no case citation with a page.

    The first full case citation in ``text`` counts, so "Roe v. Wade, 410 U.S. 113 (1973)"
    gives "410 U.S. 113". "410 U.S. ___" (no page yet) gives None. Whitespace is collapsed
    first, so a citation broken over two lines still counts.
    """
    text = collapse(text)  # eyecite does not match across line breaks
    if not text or text == "eyecite":  # eyecite answers "eyecite" with a joke citation
        return None
    for citation in get_citations(text):
        if isinstance(citation, FullCaseCitation):
            return case_key(citation) or None
    return None


def _pieces(text: str) -> Iterable[str]:
    for piece in _LIST_SEPARATORS.split(text):
        if piece.strip():
            yield piece


def parse_citation_list(text: str) -> list[str]:
    """A pasted list (one per line, or separated by semicolons) -> its normalised citations.

    In order, without repeats; parallel citations on one line each count.
    """
    found: dict[str, None] = {}
    for piece in _pieces(text):
        if piece.strip() == "eyecite":
            continue
        for citation in get_citations(piece):
            if isinstance(citation, FullCaseCitation):
                key = case_key(citation)
                if key:
                    found.setdefault(key, None)
    return list(found)
