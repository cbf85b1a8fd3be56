"""Page layout: pleading-paper line numbers, lines, caption columns and passages.

Text from a PDF keeps the layout of the page: numbered pleading lines, two-column captions
split by ``)`` or ``§``, right-hand boxes ("Date: / Time: / Dept.:"). These helpers work on
offsets into the original text so every match can be reported where it was found.
"""

from __future__ import annotations

import re

_LINE_NUMBER = re.compile(r"^( {0,3})(\d{1,2})(?= {2,}\S| *$)", re.MULTILINE)
_SEPARATOR = re.compile(r"[ \t]*§[ \t]*|[ \t]+\)(?=[ \t]|$)[ \t]*|[ \t]*\|[ \t]*| {3,}|\t+")
_TABULAR = re.compile(r"§|\S {3,}\S|(?:^|\s)\)(?:\s|$)|\S\t|\.{4,}")
_BLANK = re.compile(r"[ \t\f]*$")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+(?=[\"“(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "v",
        "vs",
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "ave",
        "blvd",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "dept",
        "ctrm",
        "hon",
        "esq",
        "jr",
        "sr",
        "u.s",
        "cal",
        "civ",
        "proc",
        "fed",
        "r",
        "p",
        "cir",
        "seq",
        "e.g",
        "i.e",
        "id",
        "app",
        "supp",
        "et",
        "al",
        "ct",
        "sup",
        "super",
        "dist",
        "div",
        "tex",
        "n.y",
    ]
)
MAX_PASSAGE = 300


def blank_line_numbers(text: str) -> str:
    """Replace pleading-paper line numbers by spaces (same length, same offsets).

    Only when at least five lines start with a small number and most run in sequence, so a
    numbered list in a letter is left alone.
    """
    found = list(_LINE_NUMBER.finditer(text))
    if len(found) < 5:
        return text
    numbers = [int(m.group(2)) for m in found]
    in_sequence = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1)
    if in_sequence < 4:
        return text
    chars = list(text)
    for m in found:
        for i in range(m.start(2), m.end(2)):
            chars[i] = " "
    return "".join(chars)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The start and end (without the newline) of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def lines(text: str) -> list[tuple[int, int]]:
    """Every line as ``(start, end)`` offsets, the newline excluded."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank pieces of one line between column separators, as offsets."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SEPARATOR.finditer(text, start, end):
        if m.start() > pos and text[pos : m.start()].strip():
            out.append(_strip(text, pos, m.start()))
        pos = m.end()
    if end > pos and text[pos:end].strip():
        out.append(_strip(text, pos, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_blank(text: str, start: int, end: int) -> bool:
    """True when the line holds only whitespace."""
    return _BLANK.match(text, start, end) is not None


def is_tabular(line: str) -> bool:
    """True when a line is laid out in columns (a caption, a form, a table)."""
    return _TABULAR.search(line.rstrip()) is not None


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _SPACE.sub(" ", text).strip()


def passage(text: str, start: int, end: int) -> str:
    """The sentence or line a match came from, whitespace collapsed, <= 300 characters."""
    ls, le = line_bounds(text, start)
    if is_tabular(text[ls:le]):
        return _cells(text, ls, start, end)
    ps, pe = _paragraph(text, start, end)
    ss, se = ps, pe
    for m in _SENTENCE_END.finditer(text, ps, pe):
        if m.end() <= start and _ends_sentence(text, m.start()):
            ss = m.end()
        elif m.start() >= end - 1 and _ends_sentence(text, m.start()):
            se = m.start() + 1
            break
    return _trim(text, ss, se, start, end)


def _cells(text: str, ls: int, start: int, end: int) -> str:
    """A match in a column layout: the cells it covers, line by line, in its column."""
    _, le = line_bounds(text, start)
    row = segments(text, ls, le)
    at = next((i for i, (a, b) in enumerate(row) if a <= start < b or start <= a), None)
    if at is None:
        return _trim(text, start, end, start, end)
    c0, c1 = row[at][0] - ls, row[at][1] - ls
    if at and row[at][0] == start and text[row[at - 1][0] : row[at - 1][1]].endswith(":"):
        c0 = row[at - 1][0] - ls  # a "Date:" label cell belongs to the same column
    parts: list[str] = []
    line_start = ls
    while line_start <= end and line_start <= len(text):
        _, line_end = line_bounds(text, line_start)
        cells = segments(text, line_start, line_end)
        for i, (a, b) in enumerate(cells):
            if b <= start or a >= max(end, start + 1):
                continue
            if line_start != ls and (b - line_start <= c0 - 2 or a - line_start >= c1 + 2):
                continue  # another column
            if a == start and i and text[cells[i - 1][0] : cells[i - 1][1]].endswith(":"):
                parts.append(text[cells[i - 1][0] : cells[i - 1][1]])  # "Date:" before the value
            parts.append(text[a:b])
        line_start = line_end + 1
    joined = squash(" ".join(parts))
    return joined[:MAX_PASSAGE] if joined else _trim(text, start, end, start, end)


def sentence_start(text: str, pos: int, limit: int = 250) -> int:
    """Where the sentence holding ``pos`` starts (at most ``limit`` characters back)."""
    lo = max(0, pos - limit)
    start = lo
    for m in re.finditer(r"\n[ \t]*\n", text[lo:pos]):
        start = lo + m.end()
    for m in _SENTENCE_END.finditer(text, start, pos):
        if _ends_sentence(text, m.start()):
            start = m.end()
    return start


def sentence_end(text: str, pos: int, limit: int = 250) -> int:
    """Where the sentence holding ``pos`` ends (at most ``limit`` characters on)."""
    hi = min(len(text), pos + limit)
    blank = re.search(r"\n[ \t]*\n", text[pos:hi])
    if blank is not None:
        hi = pos + blank.start()
    for m in _SENTENCE_END.finditer(text, pos, hi):
        if _ends_sentence(text, m.start()):
            return m.start() + 1
    return hi


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    ls, le = line_bounds(text, start)
    _, le = line_bounds(text, max(end - 1, start))
    for _ in range(12):
        if ls == 0:
            break
        ps, pe = line_bounds(text, ls - 1)
        if is_blank(text, ps, pe) or is_tabular(text[ps:pe]):
            break
        ls = ps
    for _ in range(12):
        if le >= len(text):
            break
        ns, ne = line_bounds(text, le + 1)
        if is_blank(text, ns, ne) or is_tabular(text[ns:ne]):
            break
        le = ne
    return ls, le


def _ends_sentence(text: str, period: int) -> bool:
    if text[period] != ".":
        return True
    number = re.search(r"(?:^|(?<=\s))(\d+)$", text[max(0, period - 12) : period])
    if number is not None:  # "2. On March 9" is a list marker; "... CA 90012. Plaintiffs" ends
        line_start = text.rfind("\n", 0, period) + 1
        return len(number.group(1)) > 2 or bool(
            text[line_start : period - len(number.group(1))].strip()
        )
    word = re.search(r"([A-Za-z.]+)$", text[max(0, period - 12) : period])
    if word is None:
        return True
    token = word.group(1).lower().strip(".")
    return not (len(token) <= 1 or token in _ABBREVIATIONS)


def _trim(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """``text[lo:hi]`` squashed; when too long, the match with as much context as fits."""
    whole = squash(text[lo:hi])
    if len(whole) <= MAX_PASSAGE:
        return whole
    match = _SPACE.sub(" ", text[start:end])[:MAX_PASSAGE]
    room = (MAX_PASSAGE - len(match)) // 2
    if room <= 0:
        return match.strip()
    before = _SPACE.sub(" ", text[max(lo, start - 2 * room) : start]).lstrip()
    after = _SPACE.sub(" ", text[end : min(hi, end + 2 * room)]).rstrip()
    if len(before) > room:  # start and stop at word boundaries
        before = before[-room:]
        before = before[before.find(" ") + 1 :] if " " in before else ""
    if len(after) > room:
        after = after[:room]
        after = after[: after.rfind(" ")] if " " in after else ""
    return (before + match + after).strip()
