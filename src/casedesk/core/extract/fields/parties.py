"""Party names: captions here, titles and form labels in ``titles``, name clean-up in ``names``.

A caption, one column or two ("JANE DOE, an individual,  )  Case No. ..." / "Plaintiff," /
"v." / "ACME CORP., a Delaware corporation; and DOES 1 through 50, inclusive," /
"Defendants."), with ")", "§" or wide gaps between the columns, "-against-" or "versus"; and
a bankruptcy caption ("In re:" / "ACME WIDGETS, INC., et al.," / "Debtors.").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casedesk.core.extract.fields.layout import lines, segments
from casedesk.core.extract.fields.names import (
    ROLE_LINE,
    TRAILING_ROLE,
    PartyMatch,
    parties_in,
    role_of,
)
from casedesk.core.extract.fields.titles import inline, labelled, summonses, titles

__all__ = ["PartyMatch", "find_parties"]

_VERSUS = re.compile(r"(?:v\.?|vs\.?|versus|-?\s*against\s*-?|-\s*v\.?\s*-)", re.IGNORECASE)
_IN_RE = re.compile(r"In\s+re\s*:?\s*(?P<rest>.*)", re.IGNORECASE)
_HARD_SEP = re.compile(r"§|[ \t]\)(?=[ \t]|$)|\|")
_NOT_NAMES = re.compile(
    r"(?:on\s+(?:writ|appeal|petition)|appeal\s+from|brief\b|petition\s+for|reply\b|motion\b"
    r"|no\.\s|\(?\d+\)?$|in\s+the\s+\w+\s+court\b|.*\bcourt\b(?!.*[,;]$)|.*\.{4,})",
    re.IGNORECASE,
)
_MAX_NAME_LINES = 8
_RULE = re.compile(r"^[\s_=*~-]*(?:[_=*~-]{5,})[\s_=*~xX-]*$")


def find_parties(text: str) -> list[PartyMatch]:
    """Every party named in ``text``, sorted by position (not de-duplicated)."""
    found = [
        *_captions(text),
        *_in_re(text),
        *titles(text),
        *labelled(text),
        *summonses(text),
        *inline(text),
    ]
    return sorted(found, key=lambda p: p.start)


def _left_column(text: str, rows: list[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """The caption's left column on every line (None for an empty one)."""
    seconds = []
    for ls, le in rows:
        segs = segments(text, ls, le)
        if len(segs) >= 2 and not _HARD_SEP.search(text, ls, le):
            seconds.append(segs[1][0] - ls)
        elif len(segs) == 1 and segs[0][0] - ls >= 40:
            # a line with only right-column text ("Index No. ...") when the "v." line has none
            only = text[segs[0][0] : segs[0][1]].strip()
            if not (ROLE_LINE.fullmatch(only) or _VERSUS.fullmatch(only)):
                seconds.append(segs[0][0] - ls)
    split = min(seconds) if seconds else 10**6
    out: list[tuple[int, int] | None] = []
    for ls, le in rows:
        hard = _HARD_SEP.search(text, ls, le)
        segs = segments(text, ls, hard.start() if hard else le)
        if hard is None:
            segs = [s for s in segs if s[0] - ls < split][:1]
        out.append((segs[0][0], segs[-1][1]) if segs else None)
    return out


def _captions(text: str) -> Iterator[PartyMatch]:
    rows = lines(text)
    for i, (ls, le) in enumerate(rows):
        hard = _HARD_SEP.search(text, ls, le)
        first = segments(text, ls, hard.start() if hard else le)[:1]
        if not first or not _VERSUS.fullmatch(text[first[0][0] : first[0][1]]):
            continue
        lo_i, hi_i = max(0, i - 14), min(len(rows), i + 15)
        window = rows[lo_i:hi_i]
        left = _left_column(text, window)
        v = left[i - lo_i]
        if v is None or not _VERSUS.fullmatch(text[v[0] : v[1]]):
            continue
        above = _block(text, window, left, i - lo_i, -1)[:2]
        below = _block(text, window, left, i - lo_i, +1)[:2]
        for cells, role in (above, below):
            if cells:
                block = " ".join(text[a:b] for a, b in sorted(cells))
                lo, hi = min(a for a, _ in cells), max(b for _, b in cells)
                yield from parties_in(text, lo, hi, block, role)


def _block(
    text: str, rows: list[tuple[int, int]], left: list[tuple[int, int] | None], at: int, step: int
) -> tuple[list[tuple[int, int]], str, bool]:
    """The name cells above (step -1) or below (+1) the "v." line, their role, and whether a
    role line was seen."""
    names: list[tuple[int, int]] = []
    role = "plaintiff" if step < 0 else "defendant"
    seen = False
    j = at + step
    while 0 <= j < len(rows):
        ls, le = rows[j]
        cell = left[j]
        if _RULE.match(text[ls:le]) or (cell and _RULE.match(text[cell[0] : cell[1]])):
            break
        if cell is None:
            if names and not _role_near(text, left, j, step, names):
                break
            j += step
            continue
        content = text[cell[0] : cell[1]]
        if _NOT_NAMES.match(content.strip()):
            break
        if ROLE_LINE.fullmatch(content.strip()):
            role, seen = role_of(content), True
            if names:
                break
        elif _VERSUS.fullmatch(content.strip()):
            break
        else:
            names.append(cell)
            trailing = TRAILING_ROLE.search(content)
            if trailing and trailing.group().strip(" ,.;:"):
                role, seen = role_of(trailing.group().strip(" ,.;:")), True
        j += step
    if len(names) > _MAX_NAME_LINES:
        return [], role, seen  # running text, not a caption
    return names, role, seen


def _in_re(text: str) -> Iterator[PartyMatch]:
    """A bankruptcy caption: "In re:" / "ACME WIDGETS, INC., et al.," / "Debtors."."""
    rows = lines(text)
    for i, (ls, le) in enumerate(rows):
        hard = _HARD_SEP.search(text, ls, le)
        first = segments(text, ls, hard.start() if hard else le)[:1]
        m = _IN_RE.fullmatch(text[first[0][0] : first[0][1]]) if first else None
        if m is None or len(m["rest"]) > 80:
            continue
        lo_i, hi_i = max(0, i - 14), min(len(rows), i + 15)
        window = rows[lo_i:hi_i]
        cells, role, seen = _block(text, window, _left_column(text, window), i - lo_i, +1)
        if m["rest"].strip():
            cells.insert(0, (first[0][0] + m.start("rest"), first[0][1]))
        if cells and seen:
            block = " ".join(text[a:b] for a, b in cells)
            lo, hi = min(a for a, _ in cells), max(b for _, b in cells)
            yield from parties_in(text, lo, hi, block, role)


def _role_near(
    text: str, left: list[tuple[int, int] | None], j: int, step: int, names: list[tuple[int, int]]
) -> bool:
    """Below the names, a role line may follow a blank line or two."""
    if step < 0:
        return False
    for k in range(j + 1, min(len(left), j + 3)):
        cell = left[k]
        if cell is not None:
            return ROLE_LINE.fullmatch(text[cell[0] : cell[1]].strip()) is not None
    return False
