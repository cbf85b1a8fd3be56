"""Suggested facts: the dated sentences of a document, proposed to the clerk as facts.

:func:`suggest_facts` reads the extracted text of a letter, a pleading, an e-mail or an
opinion and returns, in text order, one :class:`SuggestedFact` per sentence that holds a date
(found by the data-entry extraction's :func:`~casedesk.core.extract.fields.dates.find_dates`,
plus month-year dates such as "In March 2024"). The first date of the sentence is the fact's
date; "on or about", "approximately", "before", "after", "early", "late" in front of it make it
fuzzy.

Not every dated line is a fact. Left out:

* page headers and footers repeated on many pages (the page number may change), "Page 3 of 9";
* caption and case-number lines ("Case No. 1:24-cv-01234", "Case 1:24-cv-01234 Document 12
  Filed 01/02/24 Page 3 of 10"), docket stamps ("Filed 01/02/24", "Entered on docket"),
  "Dated:" and "/s/" signature lines, "Respectfully submitted";
* e-mail header lines (From:, Sent:, To:, Date:, Subject:);
* the certificate of service (from its heading to the end of the page);
* a citation sentence ("See ...", "Cf. ...", "Id. ...");
* a sentence that is only a date ("March 5, 2024" as a letter's date line);
* a sentence seen before (quoted e-mails repeat).

A sentence is cleaned (whitespace collapsed, a paragraph number or bullet in front dropped)
and kept to :data:`MAX_SENTENCE` characters by cutting whole clauses around the date.
``start``/``end`` are offsets in ``text`` of the part shown; ``page`` is 1-based when the text
has pages (form feeds, as the extraction writes them), None otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from casedesk.core.chronology.dates import (
    EXACT,
    RANGE,
    FuzzyDate,
    FuzzyDateError,
    parse_fuzzy_date,
)
from casedesk.core.extract.fields.dates import find_dates, month_number

MAX_SENTENCE = 400
MIN_WORDS = 3  # words besides the date

__all__ = ["MAX_SENTENCE", "SuggestedFact", "suggest_facts"]


@dataclass(frozen=True)
class SuggestedFact:
    """A dated sentence: ``text[start:end]`` (cleaned into ``sentence``), on ``page``."""

    date: FuzzyDate
    sentence: str
    start: int
    end: int
    page: int | None


_LINE = re.compile(r"[^\n]*(?:\n|$)")
_BOILERPLATE = re.compile(
    r"""^\s*(?:
        (?:case|civil\s+action|criminal\s+action|docket|index|cause|adv(?:ersary)?\.?\s+proc(?:eeding)?\.?)
            \s+(?:no\.?|number|\#)                         # Case No. ...
      | case\s+\d+:\d\d-[a-z]{2,3}-\d+                     # ECF header
      | no\.\s+\d+[-:]                                     # No. 23-1234
      | dated?\s*:                                        # Dated:, Date:
      | dated\s+(?:this|the|at|in|on)\b                    # Dated this 5th day of ...
      | (?:filed|entered|received|recorded|served)\s*:?\s*(?:on\s+)?\d{1,2}/\d{1,2}/\d{2,4}\s*$
      | (?:filed|entered)\s+on\s+docket
      | \(?entered\s*:
      | /s/
      | s/\s
      | respectfully\s+submitted
      | (?:from|sent|to|cc|bcc|subject|re|date|received|importance)\s*:   # e-mail headers
      | page\s+\d+\s+of\s+\d+\s*$
      | -\s*\d+\s*-\s*$                                    # - 3 -
      | \d+\s*$                                            # a bare page number
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_STAMP = re.compile(
    r"\bdocument\s+\d+(?:-\d+)?\s+filed\b|\bfiled\s+\d{1,2}/\d{1,2}/\d{2,4}\s+page\b|"
    r"\bpage\s*id\s*#?\s*\d+|\bpg\s*id\b",
    re.IGNORECASE,
)
_COS = re.compile(r"^\s*certificate\s+of\s+(?:service|mailing|filing)\b", re.IGNORECASE)
_HEADING = re.compile(r"^[^a-z]*[A-Z][^a-z]*$")  # no lower-case letter: "FACTUAL BACKGROUND"
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\.|\(\w{1,4}\)|[a-z]\.|[•·▪\-*–]\s)\s*(?=\S)")
_LEAD = re.compile(r"^(?:\d{1,3}\.(?!\d)|\(\w{1,4}\)|[a-z]\.(?=\s)|[•·▪*–-])(?:[\s*]*)")
_SIGNAL = re.compile(
    r"^(?:see(?:,?\s+e\.g\.|\s+also|\s+generally)?|cf\.|compare|accord|but\s+see|e\.g\.|id\.|ibid\.)[,\s]",
    re.IGNORECASE,
)
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-[ \t]*\n\s*(?=[a-z])")
_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z])")
_TIGHT_END = re.compile(r"(?:(?<=[a-z]{3})|(?<=\d{4}))[.!?](?=[A-Z][a-z]|[A-Z]{2}|[A-Z]\s)")
_PARAGRAPH_MARK = re.compile(r"\{\d{1,3}\}\s*")
_ABBREVIATION_WORDS = """mr mrs ms dr st no nos v vs jr sr hon esq art sec secs fed civ crim r p app supp
    ex exh para paras inc corp co ltd llc llp ave blvd dept gov cir ct cal n.y u.s e.g i.e
    cf id al etc jan feb mar apr jun jul aug sep sept oct nov dec approx ph.d"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_MONTH_YEAR = re.compile(
    r"(?<![\w.])(?P<month>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?"
    r"|Nov\.?|Dec\.?))(?:\s+of)?,?\s+(?P<year>(?:19|20)\d\d)(?![\d/-])"
)
_SPAN = re.compile(
    r"(?<![\w.])(?:(?:early|mid|late)[\s-]+|(?:spring|summer|fall|autumn|winter)(?:\s+of)?\s+"
    r"|Q[1-4]\s+|(?:first|second|third|fourth)\s+quarter\s+of\s+)(?:19|20)\d\d(?![\d/-])",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"(?P<prefix>(?:on|in)\s+or\s+(?:about|around)|approximately|about|around|circa|before|"
    r"prior\s+to|after|early|mid-?|late)\s*$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(
    r"[;:]\s+|,\s+(?=(?:and|but|or|which|who|when|while|after|before|because)\b)|,\s+"
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _pages(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for part in text.split("\f"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of text[start:end], without the newline."""
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _repeated(text: str, pages: list[list[tuple[int, int]]]) -> set[str]:
    """Header and footer lines that repeat on many pages (page numbers aside)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        filled = [(s, e) for s, e in lines if text[s:e].strip()]
        edge = filled[:3] + filled[-3:]
        counts.update({_line_key(text[s:e]) for s, e in edge})
    need = max(3, int(len(pages) * 0.4))
    return {key for key, n in counts.items() if n >= need and key}


def _is_boilerplate(line: str) -> bool:
    if _BOILERPLATE.match(line):
        return True
    return len(line) < 160 and bool(_STAMP.search(line))


def _blocks(text: str) -> list[tuple[int, int, int | None]]:
    """Runs of kept lines (start, end, page): what sentences are cut from."""
    page_spans = _pages(text)
    paged = len(page_spans) > 1
    page_lines = [_lines(text, s, e) for s, e in page_spans]
    repeated = _repeated(text, page_lines)
    blocks: list[tuple[int, int, int | None]] = []
    for number, lines in enumerate(page_lines, start=1):
        page = number if paged else None
        run: list[tuple[int, int]] = []

        def close(run: list[tuple[int, int]], page: int | None = page) -> None:
            if run:
                blocks.append((run[0][0], run[-1][1], page))
            run.clear()

        for s, e in lines:
            line = text[s:e]
            if _COS.match(line):
                break
            stripped = line.strip()
            if not stripped or _is_boilerplate(line) or _line_key(line) in repeated:
                close(run)
                continue
            if _HEADING.match(stripped) and len(stripped) < 100:
                close(run)
                blocks.append((s, e, page))
                continue
            if _NUMBERED.match(line):
                close(run)
            run.append((s, e))
        close(run)
    return blocks


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation ("Mr.", "U.S.", "J.") not a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"'“":
        start -= 1
    word = text[start:dot].lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial
    return word in _ABBREVIATIONS or ("." in word and len(word) <= 6)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []  # (end of a sentence, start of the next)
    for m in _END.finditer(text, start, end):
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        cuts.append((m.start() + len(m.group().rstrip()), m.end()))
    for m in _TIGHT_END.finditer(text, start, end):  # "we reverse.FACTS" in scanned reporters
        cuts.append((m.end(), m.end()))
    for m in _PARAGRAPH_MARK.finditer(text, start, end):  # "{2}" paragraph numbers
        cuts.append((m.start(), m.end()))
    out: list[tuple[int, int]] = []
    pos = start
    for stop, after in sorted(cuts):
        if stop > pos:
            out.append((pos, stop))
        pos = max(pos, after)
    if pos < end:
        out.append((pos, end))
    return out


def _first_date(sentence: str) -> tuple[FuzzyDate, int, int] | None:
    """The first date of the sentence, with where it is printed."""
    exact = find_dates(sentence)
    candidates: list[tuple[int, int, FuzzyDate]] = []
    if exact:
        d = exact[0]
        candidates.append(
            (d.start, d.end, FuzzyDate(EXACT, d.date, d.date, sentence[d.start : d.end]))
        )
    limit = candidates[0][0] if candidates else len(sentence)
    for pattern in (_MONTH_YEAR, _SPAN):
        for m in pattern.finditer(sentence, 0, limit):
            if any(d.start <= m.start() < d.end for d in exact):
                continue
            if pattern is _MONTH_YEAR:
                if month_number(m["month"]) == 0:
                    continue
                typed = f"{m['month']} {m['year']}"
            else:
                typed = m.group()
            try:
                date = parse_fuzzy_date(typed)
            except FuzzyDateError:
                continue
            candidates.append(
                (m.start(), m.end(), FuzzyDate(date.kind, date.start, date.end, m.group()))
            )
            break
    if not candidates:
        return None
    s, e, date = min(candidates, key=lambda c: c[0])
    prefix = _PREFIX.search(sentence, max(0, s - 20), s)
    if prefix and date.kind != RANGE:
        try:
            fuzzy = parse_fuzzy_date(f"{prefix['prefix']} {date.text}")
        except FuzzyDateError:
            fuzzy = None
        if fuzzy is not None:
            return FuzzyDate(fuzzy.kind, fuzzy.start, fuzzy.end, sentence[prefix.start() : e]), s, e
    return date, s, e


def _cut(sentence: str, at: int, end: int) -> tuple[int, int]:
    """The part of ``sentence`` (whole clauses around the date at ``at``) within the limit."""
    if len(sentence) <= MAX_SENTENCE:
        return 0, len(sentence)
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(sentence)] + [len(sentence)]
    first = max(i for i, b in enumerate(bounds) if b <= at)
    last = first + 1
    while bounds[last] < end and last < len(bounds) - 1:
        last += 1
    lo, hi = bounds[first], bounds[last]
    while True:
        grew = False
        if last < len(bounds) - 1 and bounds[last + 1] - lo <= MAX_SENTENCE:
            last += 1
            hi = bounds[last]
            grew = True
        if first > 0 and hi - bounds[first - 1] <= MAX_SENTENCE:
            first -= 1
            lo = bounds[first]
            grew = True
        if not grew:
            break
    if hi - lo <= MAX_SENTENCE:
        return lo, hi
    # One clause is too long: a window of words around the date.
    lo = max(0, min(at - MAX_SENTENCE // 3, len(sentence) - MAX_SENTENCE))
    hi = min(len(sentence), lo + MAX_SENTENCE)
    while lo > 0 and not sentence[lo - 1].isspace() and lo < at:
        lo += 1
    while hi < len(sentence) and hi > end and not sentence[hi].isspace():
        hi -= 1
    return lo, hi


def _clean(text: str) -> str:
    return " ".join(_HYPHEN_BREAK.sub("", text).split()).strip(" ,;:")


def suggest_facts(text: str, *, limit: int = 200) -> list[SuggestedFact]:
    """The dated sentences of ``text`` as suggested facts, in text order, at most ``limit``."""
    out: list[SuggestedFact] = []
    seen: set[str] = set()
    for block_start, block_end, page in _blocks(text):
        for s, e in _sentences(text, block_start, block_end):
            raw = text[s:e]
            if not any(c.isdigit() for c in raw):
                continue
            lead = _LEAD.match(raw.lstrip())
            if lead:
                s += len(raw) - len(raw.lstrip()) + lead.end()
            while s < e and text[s].isspace():
                s += 1
            raw = text[s:e]
            if _SIGNAL.match(raw):
                continue
            found = _first_date(raw)
            if found is None:
                continue
            date, ds, de = found
            rest = raw[:ds] + raw[de:]
            if len(_WORD.findall(rest)) < MIN_WORDS:
                continue
            lo, hi = _cut(raw, ds, de)
            sentence = _clean(raw[lo:hi])
            key = " ".join(sentence.casefold().split())
            if key in seen:
                continue
            seen.add(key)
            out.append(SuggestedFact(date, sentence, s + lo, s + hi, page))
            if len(out) >= limit:
                return out
    return out
