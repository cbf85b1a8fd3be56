"""Citations in a text: eyecite finds and resolves them, we normalise and place them.

Everything ``eyecite.get_citations`` returns is kept, in its order and with its spans. eyecite
reads words split on spaces, so a line break inside "Otero v. Sandoval,\n130 N.M. 50" or
"410 U. S.\n113" hides the case name or the whole citation; we hand it the text with tabs
and line breaks read as spaces (``eyecite_text``: same length, so spans are offsets into the
caller's text). On the first 20 SCOTUS slip opinions that finds 2,199 citations instead of
2,033 and 490 case names instead of 414. ``resolve_citations``
links each Id., supra, short form and reference citation to the full citation it refers to.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from eyecite import get_citations, resolve_citations
from eyecite.models import (
    CaseCitation,
    CitationBase,
    FullCaseCitation,
    FullCitation,
    FullJournalCitation,
    FullLawCitation,
    IdCitation,
    ReferenceCitation,
    ShortCaseCitation,
    SupraCitation,
)

from casedesk.core.citations import model
from casedesk.core.citations.normalize import case_key, collapse, normal_reporter
from casedesk.core.citations.sentences import sentence_around, sentence_ends

_KINDS: tuple[tuple[type[CitationBase], str], ...] = (
    (FullCaseCitation, model.FULL),
    (ShortCaseCitation, model.SHORT),
    (IdCitation, model.ID),
    (SupraCitation, model.SUPRA),
    (FullLawCitation, model.LAW),
    (FullJournalCitation, model.JOURNAL),
    (ReferenceCitation, model.REFERENCE),
)


def kind_of(citation: CitationBase) -> str:
    """Our name for eyecite's citation class."""
    for cls, kind in _KINDS:
        if isinstance(citation, cls):
            return kind
    return model.UNKNOWN


_LINE_BREAKS = str.maketrans(dict.fromkeys("\n\r\t\f\v\x1c\x1d\x1e\x85\u2028\u2029", " "))


def eyecite_text(text: str) -> str:
    """The text eyecite reads: tabs and line breaks as spaces (same length, same offsets)."""
    return text.translate(_LINE_BREAKS)


def eyecite_citations(text: str) -> list[CitationBase]:
    """``eyecite.get_citations`` on ``eyecite_text(text)`` (empty text: no citations)."""
    plain = eyecite_text(text)
    if not plain.strip() or plain == "eyecite":  # eyecite answers "eyecite" with a joke citation
        return []
    citations: list[CitationBase] = get_citations(plain)
    return citations


def antecedents(citations: list[CitationBase]) -> list[int | None]:
    """For each citation, the index of the full citation it refers to (None for full ones).

    A resource eyecite resolved several citations to may have been cited in full more than
    once; a dependent citation refers to the latest full citation before it.
    """
    position = {id(citation): index for index, citation in enumerate(citations)}
    result: list[int | None] = [None] * len(citations)
    for group in resolve_citations(citations).values():
        fulls = sorted(position[id(c)] for c in group if isinstance(c, FullCitation))
        if not fulls:
            continue
        for citation in group:
            if isinstance(citation, FullCitation):
                continue
            index = position[id(citation)]
            earlier = [full for full in fulls if full < index]
            result[index] = earlier[-1] if earlier else fulls[0]
    return result


# Introductory signals (Bluebook rule 1.2) eyecite may leave at the front of a plaintiff.
_SIGNALS = re.compile(
    r"^(?:(?:see|also|but|cf\.?|compare|with|accord|contra|generally|e\.g\.|and)[,\s]+)+",
    re.IGNORECASE,
)


def _case_name(metadata: Any) -> str:
    plaintiff = _SIGNALS.sub("", collapse(str(getattr(metadata, "plaintiff", None) or "")))
    defendant = collapse(str(getattr(metadata, "defendant", None) or ""))
    if plaintiff and defendant:
        return f"{plaintiff} v. {defendant}"
    return plaintiff or defendant


def _pin_cite(metadata: Any) -> str:
    pin = collapse(str(getattr(metadata, "pin_cite", None) or ""))
    if pin.lower().startswith("at "):
        pin = pin[3:].strip()
    return pin.strip(", ")


# What may follow a citation before its own parenthetical: commas, spaces and a pin cite
# ("668, 687 (1984)", "386, 395 n.3 (1989)"); then the parenthetical, with no parentheses
# inside it. Its year is the last one it holds ("(11th Cir. 2019)", "(Apr. 26, 2022)").
_GAP = r"[\s,]*(?:(?:at\s+)?[\d*][\d\s,\-–—&n.*]*)?[\s,]*"
_PARALLEL_GAP = re.compile(_GAP)
_OWN_PARENTHETICAL = re.compile(_GAP + r"\(([^()]*)\)")
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


def own_year(text: str, end: int, limit: int) -> int | None:
    """The year of the parenthetical right after a citation ending at ``end``, or None.

    Only a parenthetical that starts before ``limit`` (the next citation's start) counts:
    eyecite 2.7.8 may give a citation the year of a later citation's parenthetical
    (freelawproject/eyecite#321), so its year is kept only when it agrees with this.
    """
    match = _OWN_PARENTHETICAL.match(text, end)
    if match is None or match.start(1) > limit:
        return None
    years = _YEAR.findall(match.group(1))
    return int(years[-1]) if years else None


def _found(
    text: str,
    ends: list[int],
    index: int,
    citation: CitationBase,
    antecedent: int | None,
    limit: int,
) -> model.FoundCitation:
    start, end = citation.span()  # type: ignore[no-untyped-call]
    context_start, context_end = start, end
    if isinstance(citation, FullCitation):  # from the case name to the closing parenthetical
        full_start, full_end = citation.full_span()
        context_start, context_end = min(start, full_start), max(end, full_end)
    groups: dict[str, Any] = citation.groups
    metadata = citation.metadata
    is_case = isinstance(citation, CaseCitation)
    has_reporter = is_case or isinstance(citation, FullJournalCitation)
    year = own_year(text, end, limit)
    return model.FoundCitation(
        index=index,
        kind=kind_of(citation),
        text=text[start:end],
        normalized=case_key(citation) if is_case else "",
        volume=collapse(str(groups.get("volume") or "")) if has_reporter else "",
        reporter=normal_reporter(citation) if has_reporter else "",
        page=collapse(str(groups.get("page") or "")) if has_reporter else "",
        pin_cite=_pin_cite(metadata),
        year=year,
        case_name=_case_name(metadata),
        court=str(getattr(metadata, "court", None) or ""),
        start=start,
        end=end,
        sentence=sentence_around(text, ends, context_start, context_end),
        antecedent=antecedent,
    )


def extract_citations(text: str) -> list[model.FoundCitation]:
    """Every citation eyecite finds in ``text``, normalised, placed and resolved."""
    citations = eyecite_citations(text)
    if not citations:
        return []
    links = antecedents(citations)
    ends = sentence_ends(text)
    # A citation's own parenthetical starts before the next citation does.
    limits = [citation.span()[0] for citation in citations[1:]]  # type: ignore[no-untyped-call]
    limits.append(len(text))
    found = [
        _found(text, ends, index, citation, links[index], limits[index])
        for index, citation in enumerate(citations)
    ]
    # Parallel case citations ("410 U.S. 113, 120, 93 S. Ct. 705 (1973)") share the year of
    # the parenthetical after the last of them.
    for index in range(len(found) - 2, -1, -1):
        item, after = found[index], found[index + 1]
        if (
            item.year is None
            and item.kind == after.kind == model.FULL
            and _PARALLEL_GAP.fullmatch(text, item.end, after.start)
        ):
            found[index] = replace(item, year=after.year)
    # Id./supra/reference citations carry their antecedent's normalised citation.
    for index, item in enumerate(found):
        link = item.antecedent
        if link is not None and item.kind in (model.ID, model.SUPRA, model.REFERENCE):
            found[index] = _with_normalized(item, found[link].normalized)
    return found


def _with_normalized(item: model.FoundCitation, normalized: str) -> model.FoundCitation:
    return replace(item, normalized=normalized)
