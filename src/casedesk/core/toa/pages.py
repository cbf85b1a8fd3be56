"""Pages as the court sees them: printed labels, body text, footnotes, and the scan range.

* **Labels** are read from the header and footer lines of each page: arabic ("12", "(1)",
  "- 12 -", "Page 12 of 40"), roman front matter ("iv", "(II)") and appendix pages ("3a").
  A page without a label between two labelled pages takes the number between them.
* **Body**: pages with an arabic label (roman front matter is not part of the body) and
  appendix pages; when no page has a printed number, the PDF page numbers are used.
* **Footnotes**: the run of lines at the foot of a page set in smaller type than the body,
  opening with a footnote number; each keeps its number ("5 n.3").
* **Scan range**: the cover, the table of contents, the table of authorities and the
  certificates are left out even when they carry arabic numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from casedesk.core.toa.pdftext import Line, RawPage, clean_line

ARABIC = "arabic"
ROMAN = "roman"
APPENDIX = "appendix"

_ROMAN = r"[ivxlc]{1,7}"
_LABEL_FORMS = (
    re.compile(r"^\(?\s*(\d{1,4})\s*\)?$"),
    re.compile(r"^[-–—]\s*(\d{1,4})\s*[-–—]$"),
    re.compile(r"^page\s+(\d{1,4})(?:\s+of\s+\d{1,4})?$", re.IGNORECASE),
    re.compile(r"^\(?\s*(" + _ROMAN + r")\s*\)?$", re.IGNORECASE),
    re.compile(r"^[-–—]\s*(" + _ROMAN + r")\s*[-–—]$", re.IGNORECASE),
    re.compile(r"^\(?\s*(\d{1,4}[a-z])\s*\)?$"),
    re.compile(r"^(?:app\.?|appendix|a)\s*[-–]?\s*(\d{1,4})$", re.IGNORECASE),
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_HEADER_SHARE = 0.14  # how far from the top or bottom edge a header or footer line may sit


def roman_value(text: str) -> int | None:
    """The value of a lowercase or uppercase roman numeral ("iv" -> 4), or None."""
    text = text.lower()
    if not text or any(ch not in _ROMAN_VALUES for ch in text):
        return None
    total = 0
    for index, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total if total > 0 else None


@dataclass(frozen=True)
class Label:
    """A printed page label: its text as printed and what kind of numbering it belongs to."""

    text: str
    kind: str  # ARABIC, ROMAN or APPENDIX
    value: int  # the number (the roman numeral's value; "3a" -> 3)


def parse_label(text: str) -> Label | None:
    """A header/footer line read as a page label, or None when it is not one."""
    text = " ".join(text.split())
    if not text or len(text) > 16:
        return None
    for pattern in _LABEL_FORMS:
        match = pattern.match(text)
        if match is None:
            continue
        value = match.group(1)
        if value.isdigit():
            number = int(value)
            if pattern is _LABEL_FORMS[6]:
                return Label(f"A-{number}", APPENDIX, number)
            return Label(str(number), ARABIC, number) if number > 0 else None
        if value[:-1].isdigit() and value[-1].isalpha():
            return Label(value.lower(), APPENDIX, int(value[:-1]))
        numeral = roman_value(value)
        if numeral is not None:
            return Label(value.lower(), ROMAN, numeral)
    return None


@dataclass(frozen=True)
class Footnote:
    """A footnote (or the part of one) printed on a page."""

    number: str
    text: str


@dataclass(frozen=True)
class Page:
    """One page of the brief: its label, its body text and its footnotes."""

    index: int  # 0-based PDF page
    label: str | None
    kind: str | None  # ARABIC, ROMAN, APPENDIX or None (no label)
    main: str
    footnotes: tuple[Footnote, ...]
    skipped: str = ""  # why the page is outside the scan range ("" when it is scanned)

    @property
    def scanned(self) -> bool:
        return not self.skipped and self.label is not None and self.kind != ROMAN


def _edge_lines(page: RawPage) -> list[int]:
    """Indexes of the lines that may be a header or footer: near the top or bottom edge."""
    nonempty = [i for i, line in enumerate(page.lines) if line.text.strip()]
    if not nonempty:
        return []
    picks = set(nonempty[:2] + nonempty[-2:])
    if page.height > 0:
        band = page.height * _HEADER_SHARE
        for i in nonempty:
            top = page.lines[i].top
            if top >= page.height - band or 0 < top <= band:
                picks.add(i)
    return sorted(picks)


def _label_candidates(page: RawPage) -> list[tuple[int, Label]]:
    found: list[tuple[int, Label]] = []
    for i in _edge_lines(page):
        label = parse_label(clean_line(page.lines[i].text).replace("\x02", ""))
        if label is not None:
            found.append((i, label))
    return found


def _choose_labels(candidates: list[list[tuple[int, Label]]]) -> list[tuple[int, Label] | None]:
    """One label per page: the candidate that continues the previous page's numbering."""
    chosen: list[tuple[int, Label] | None] = []
    previous: Label | None = None
    for options in candidates:
        pick: tuple[int, Label] | None = None
        if previous is not None:
            for option in options:
                label = option[1]
                if label.kind == previous.kind and label.value == previous.value + 1:
                    pick = option
                    break
        if pick is None and options:
            # Prefer a label on the outermost line (a header above, a footer below).
            pick = options[0] if len(options) == 1 else _outermost(options)
        chosen.append(pick)
        if pick is not None:
            previous = pick[1]
    _drop_outliers(chosen)
    return chosen


def _outermost(options: list[tuple[int, Label]]) -> tuple[int, Label]:
    arabic = [option for option in options if option[1].kind == ARABIC]
    return (arabic or options)[0]


def _drop_outliers(chosen: list[tuple[int, Label] | None]) -> None:
    """Forget an arabic label that fits neither neighbour when both neighbours agree."""
    for i in range(1, len(chosen) - 1):
        here, before, after = chosen[i], chosen[i - 1], chosen[i + 1]
        if here is None or before is None or after is None:
            continue
        a, b, c = before[1], here[1], after[1]
        if a.kind == c.kind == ARABIC and c.value == a.value + 2 and b.value != a.value + 1:
            chosen[i] = None


def _fill_gaps(labels: list[Label | None]) -> list[Label | None]:
    """A page with no label inside a numbered run takes the number its neighbours imply."""
    filled = list(labels)
    for i, label in enumerate(labels):
        if label is not None:
            continue
        before = next((j for j in range(i - 1, -1, -1) if labels[j] is not None), None)
        after = next((j for j in range(i + 1, len(labels)) if labels[j] is not None), None)
        if before is None or after is None:
            continue
        a, c = labels[before], labels[after]
        assert a is not None and c is not None
        if (
            a.kind == c.kind
            and c.kind in (ARABIC, APPENDIX)
            and c.value - a.value == after - before
        ):
            value = a.value + (i - before)
            text = str(value) if a.kind == ARABIC else f"{value}a"
            filled[i] = Label(text, a.kind, value)
    return filled


def _body_size(pages: list[RawPage]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if line.size > 0:
                sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3}|[*†‡]{1,3})\.?(?:\s+|(?=[A-Z“\"(]))(?=\S)")


_MARK_ONLY = re.compile(r"^\s*(\d{1,3}|[*†‡]{1,3})\s*$")


def _join_marks(lines: list[Line], body_size: float) -> list[Line]:
    """Lines holding only a small footnote number: a footnote's own number when the next line
    sits at the same height (it is joined to it), else a reference mark above a body line
    (dropped)."""
    result: list[Line] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        if _MARK_ONLY.match(line.text) and 0 < line.size < body_size * 0.8:
            following = lines[i + 1] if i + 1 < len(lines) else None
            if following is not None and abs(following.top - line.top) < 4:
                text = f"{line.text.strip()} {following.text.lstrip()}"
                result.append(Line(text, following.size, following.top, True))
                skip = True
            continue
        result.append(line)
    return result


def _split_footnotes(
    lines: list[Line], body_size: float, previous_open: bool
) -> tuple[list[Line], list[Footnote]]:
    """Separate the footnote lines at the foot of a page from its body lines."""
    if body_size <= 0:
        return lines, []
    lines = _join_marks(lines, body_size)
    small = body_size * 0.93
    end = len(lines)
    start = end
    while start > 0 and (not lines[start - 1].text.strip() or 0 < lines[start - 1].size < small):
        start -= 1
    while start < end and not lines[start].text.strip():
        start += 1
    if start >= end:
        return lines, []
    zone = lines[start:end]
    first = zone[0]
    opens = first.small_lead or bool(_FOOTNOTE_START.match(first.text))
    if not opens and not previous_open:
        return lines, []
    if not opens and start == 0:
        return lines, []
    notes: list[tuple[str, list[str]]] = []
    expected: int | None = None
    for line in zone:
        text = line.text
        match = _FOOTNOTE_START.match(text)
        starts_note = bool(match) and (
            line.small_lead
            or not notes
            or (match is not None and expected is not None and match.group(1) == str(expected))
        )
        if starts_note and match is not None:
            number = match.group(1)
            notes.append((number, [text[match.end() :].rstrip()]))
            expected = int(number) + 1 if number.isdigit() else None
        elif notes:
            notes[-1][1].append(text.rstrip())
        else:
            notes.append(("", [text.rstrip()]))  # a footnote continued from the previous page
    return lines[:start], [Footnote(number, "\n".join(parts)) for number, parts in notes]


_SKIP_HEADINGS = (
    (re.compile(r"^\s*(?:TABLE\s+OF\s+CONTENTS|CONTENTS|INDEX)\s*$", re.I), "table of contents"),
    (
        re.compile(
            r"^\s*(?:TABLE|INDEX)\s+OF\s+(?:CITED\s+)?(?:AUTHORITIES|CITATIONS|CASES)\s*$", re.I
        ),
        "table of authorities",
    ),
)
_CERTIFICATE = re.compile(
    r"^\s*(?:CERTIFICATE|CERTIFICATION)\s+OF\s+(?:SERVICE|COMPLIANCE|WORD\s+COUNT|FILING)"
    r"|^\s*(?:PROOF|AFFIDAVIT|DECLARATION)\s+OF\s+SERVICE\s*$",
    re.I,
)
_LEADER_LINE = re.compile(r"(?:\.\s*){4,}\s*(?:\d|[ivxlc]+\b|passim)", re.I)


def _front_matter(lines: list[Line]) -> str:
    """Why a page is a table of contents or of authorities, or "" when it is not one."""
    texts = [line.text for line in lines if line.text.strip()]
    if not texts:
        return ""
    for text in texts[:6]:
        for pattern, reason in _SKIP_HEADINGS:
            if pattern.match(text):
                return reason
    leaders = sum(1 for text in texts if _LEADER_LINE.search(text))
    if leaders >= 5 and leaders >= len(texts) * 0.3:
        return "table of contents or authorities"
    return ""


def _certificate_start(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines):
        text = line.text.strip()
        if text and _CERTIFICATE.match(text) and text.upper() == text:
            return i
    return None


def _text(lines: list[Line]) -> str:
    return "\n".join(clean_line(line.text).rstrip() for line in lines)


def build_pages(raw_pages: list[RawPage]) -> tuple[list[Page], bool]:
    """Pages with labels, body text and footnotes, and whether printed numbers were found.

    Without printed numbers every page is labelled with its PDF page number.
    """
    candidates = [_label_candidates(page) for page in raw_pages]
    chosen = _choose_labels(candidates)
    labels = _fill_gaps([pick[1] if pick else None for pick in chosen])
    printed = any(label is not None and label.kind != ROMAN for label in labels)
    body_size = _body_size(raw_pages)
    pages: list[Page] = []
    previous_open = False
    last_note = ""
    in_certificate = False
    for raw, pick, label in zip(raw_pages, chosen, labels, strict=True):
        lines = list(raw.lines)
        if pick is not None and label is not None and label == pick[1]:
            del lines[pick[0]]
        main_lines, notes = _split_footnotes(lines, body_size, previous_open)
        if notes and not notes[0].number and last_note:
            notes[0] = Footnote(last_note, notes[0].text)
        previous_open = bool(notes)
        last_note = notes[-1].number if notes else ""
        skipped = _front_matter(main_lines)
        start = _certificate_start(main_lines)
        if start is not None:
            in_certificate = True
            main_lines = main_lines[:start]
            notes = []
            skipped = skipped or ("certificate" if start == 0 else "")
        elif in_certificate:
            first = next((line.text for line in main_lines if line.text.strip()), "")
            if re.match(r"^\s*(?:APPENDIX|ADDENDUM)\b", first, re.I):
                in_certificate = False
            else:
                skipped = skipped or "certificate"
        if printed:
            text, kind = (label.text, label.kind) if label is not None else (None, None)
        else:
            text, kind = str(raw.index + 1), ARABIC
        pages.append(
            Page(
                index=raw.index,
                label=text,
                kind=kind,
                main=_text(main_lines),
                footnotes=tuple(Footnote(n.number, clean_line(n.text)) for n in notes),
                skipped=skipped,
            )
        )
    return pages, printed
