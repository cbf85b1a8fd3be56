"""From a brief's pages to table entries: find, resolve, place, group, sort.

:func:`find_mentions` runs every finder over the brief's text (eyecite for cases and law
reviews, the patterns of ``data/laws.toml`` for statutes, regulations, rules and
constitutions, :mod:`.others` for secondary sources, record citations to block a wrong Id.),
then resolves short forms. :func:`build_entries` groups the mentions by authority key, takes
each authority's fullest citation as its entry text, and lists the pages where it is cited.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from casedesk.core.toa import data, fastcite
from casedesk.core.toa.cases import CaseFinder, journal_mentions
from casedesk.core.toa.document import BriefText
from casedesk.core.toa.laws import LawFinder, section_references
from casedesk.core.toa.mentions import FULL, Mention
from casedesk.core.toa.model import CASES, ToaEntry
from casedesk.core.toa.others import OtherFinder
from casedesk.core.toa.pages import APPENDIX, ARABIC
from casedesk.core.toa.resolve import Resolver, record_mentions


def find_mentions(text: str, stream: Callable[[int], str] | None = None) -> list[Mention]:
    """Every resolved citation of an authority in ``text``, in order.

    ``stream(offset)`` tells body text ("") from footnotes (see :class:`.resolve.Resolver`).
    """
    citations = fastcite.citations(text)
    cases = CaseFinder(text, citations).mentions()
    laws = LawFinder(text).mentions()
    case_spans = [(m.start, m.end) for m in cases if m.kind == FULL]
    law_spans = [(m.start, m.end) for m in laws]
    laws = [m for m in laws if not _inside_any(m, case_spans)]
    taken = case_spans + law_spans + [(m.start, m.end) for m in cases if m.kind != FULL]
    others = OtherFinder(text, taken, journal_mentions(text, citations)).mentions()
    records = record_mentions(text, data.record_pattern())
    mentions = cases + laws + others + records
    resolved = Resolver(text, mentions, stream).resolved()
    taken = [(m.start, m.end) for m in mentions + resolved]
    resolved += section_references(text, resolved, taken)
    resolved.sort(key=lambda m: (m.start, m.end))
    return resolved


def _inside_any(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a <= mention.start and mention.end <= b for a, b in spans)


@dataclass(frozen=True)
class Reference:
    """One place an authority is cited: the page (its position and label) and footnote."""

    page: int
    label: str
    footnote: str


def _references_by_page(brief: BriefText, mentions: list[Mention]) -> dict[str, list[Reference]]:
    found: dict[str, list[Reference]] = {}
    for mention in mentions:
        place = brief.place(mention.start)
        found.setdefault(mention.key, []).append(Reference(place.page, place.label, place.footnote))
    return found


def _references_by_paragraph(
    marks: list[tuple[int, str]], mentions: list[Mention]
) -> dict[str, list[Reference]]:
    starts = [offset for offset, _ in marks]
    found: dict[str, list[Reference]] = {}
    for mention in mentions:
        index = bisect.bisect_right(starts, mention.start) - 1
        if index < 0:
            continue
        number = marks[index][1]
        found.setdefault(mention.key, []).append(Reference(int(number), number, ""))
    return found


def _label_value(label: str) -> tuple[str, int] | None:
    if label.isdigit():
        return ARABIC, int(label)
    match = re.fullmatch(r"(\d+)([a-z])", label)
    if match:
        return APPENDIX + match.group(2), int(match.group(1))
    return None


def format_pages(references: Sequence[Reference], *, run: int = 3) -> tuple[str, ...]:
    """Page references in order: body pages as "5", runs of ``run`` or more consecutive pages
    as "11-13", pages cited only in footnotes as "5 n.3"."""
    by_page: dict[int, tuple[str, set[str]]] = {}
    for ref in references:
        label, notes = by_page.setdefault(ref.page, (ref.label, set()))
        notes.add(ref.footnote)
    items: list[tuple[str, str, int | None, str | None]] = []  # (text, kind, value, label)
    for page in sorted(by_page):
        label, notes = by_page[page]
        if "" in notes:
            parsed = _label_value(label)
            items.append((label, parsed[0] if parsed else "", parsed[1] if parsed else None, label))
        else:
            for note in sorted(
                notes, key=lambda n: (not n.isdigit(), int(n) if n.isdigit() else 0, n)
            ):
                items.append((f"{label} n.{note}", "note", None, None))
    out: list[str] = []
    index = 0
    while index < len(items):
        text, kind, value, _ = items[index]
        end = index
        if value is not None:
            while (
                end + 1 < len(items)
                and items[end + 1][1] == kind
                and items[end + 1][2] == value + (end + 1 - index)
            ):
                end += 1
        if end - index + 1 >= run:
            suffix = kind[-1] if kind.startswith(APPENDIX) else ""
            out.append(f"{value}{suffix}-{items[end][2]}{suffix}")
        else:
            out.extend(item[0] for item in items[index : end + 1])
        index = end + 1
    return tuple(out)


def expand_pages(pages: Sequence[str]) -> list[str]:
    """The inverse of the range compression: "11-13" -> "11", "12", "13"."""
    out: list[str] = []
    for page in pages:
        match = re.fullmatch(r"(\d+)([a-z]?)-(\d+)([a-z]?)", page)
        if match and match.group(2) == match.group(4):
            first, last = int(match.group(1)), int(match.group(3))
            if first <= last <= first + 2000:
                out.extend(f"{n}{match.group(2)}" for n in range(first, last + 1))
                continue
        out.append(page)
    return out


def distinct_pages(pages: Sequence[str]) -> int:
    """How many different pages the references are on ("5" and "5 n.3" are one)."""
    return len({page.split(" ")[0] for page in expand_pages(pages)})


def build_entries(
    mentions: list[Mention],
    references: dict[str, list[Reference]],
    *,
    passim: int,
    order: Sequence[str],
) -> tuple[ToaEntry, ...]:
    """One entry per authority key, in category order, sorted within each category."""
    best: dict[str, Mention] = {}
    for mention in mentions:
        if not mention.text:
            continue
        current = best.get(mention.key)
        if current is None or _better(mention, current):
            best[mention.key] = mention
    entries: list[ToaEntry] = []
    for key, mention in best.items():
        refs = references.get(key)
        if not refs or mention.category not in order:
            continue
        if mention.category == CASES and not mention.name:
            # A citation with no case name anywhere: the decisions in this very case, cited in
            # its statement ("896 F.3d 923, cert. denied, 139 S. Ct. 2743"), are not listed.
            continue
        pages = format_pages(refs)
        entries.append(
            ToaEntry(
                category=mention.category,
                authority=mention.text,
                pages=pages,
                passim=passim > 0 and distinct_pages(pages) >= passim,
                key=key,
                sort_key=mention.sort_key or mention.text.lower(),
            )
        )
    rank = {category: index for index, category in enumerate(order)}
    entries.sort(key=lambda e: (rank[e.category], e.sort_key, e.authority))
    return tuple(entries)


def _better(candidate: Mention, current: Mention) -> bool:
    if (candidate.kind == FULL) != (current.kind == FULL):
        return candidate.kind == FULL
    if candidate.rank != current.rank:
        return candidate.rank > current.rank
    return candidate.start < current.start
