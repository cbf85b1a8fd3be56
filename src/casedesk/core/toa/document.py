"""The brief as one text, with a map from every offset back to its page (and footnote).

Citations are found in one pass over the whole brief, so that "Id." and "supra" can look
back across pages and a citation broken over a page break is still found (it counts on the
page where it starts). Footnotes are placed after the body text of their page, or, when that
text stops mid-sentence, after the sentence it completes on the next page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from casedesk.core.toa.pages import Page

_SOFT = "\x02"
_SENTENCE_END = re.compile(r"[a-z)\]”’\"]{2}[.!?][”’\")\]]*\n(?=[A-Z“\"(])")
_ENDS_SENTENCE = re.compile(r"[.!?:;][”’\")\]]*\s*$")
_HEADING = re.compile(r"(?m)^[ \t]*([A-Z][A-Z’'.,&]*(?:[ \t]+[A-Z][A-Z’'.,&]*){0,7})[ \t]*$")
_PARAGRAPH_MARK = re.compile(r"(?m)^[ \t]*\[?¶\s*(\d{1,4})\]?")
_NUMBERED_PARAGRAPH = re.compile(r"(?m)^[ \t]*(\d{1,4})\.[ \t]+(?=[A-Z“\"])")


_LINE_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def _join_hyphen(match: re.Match[str]) -> str:
    """Join a word broken at a line end, but never inside a URL ("usac-\\nletters/2010")."""
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    word_start = max(match.string.rfind(" ", line_start, match.start()), line_start)
    if (
        "/" in match.string[word_start : match.start()]
        or "www" in match.string[word_start : match.start()]
    ):
        return match.group(0)
    return ""


def dehyphenate(text: str) -> str:
    """pdfium's end-of-line hyphen marker made a hyphen before a capital letter or a digit
    ("Almendarez-Torres", "111-31") and nothing inside a word ("assem-ble"); a plain hyphen
    at the end of a line between lower-case letters is read the same way ("Pome-roy")."""
    text = _LINE_HYPHEN.sub(_join_hyphen, text)
    if _SOFT not in text:
        return text
    out: list[str] = []
    for index, ch in enumerate(text):
        if ch != _SOFT:
            out.append(ch)
            continue
        following = text[index + 1 : index + 2]
        if following[:1].isupper() or following[:1].isdigit():
            out.append("-")
    return "".join(out)


_PAGE_END_HYPHEN = re.compile(r"[a-z][-\x02]\s*$")
_PAGE_START_WORD = re.compile(r"^\s*([a-z][\w’'.,;:)]*)")


def _join_broken_words(mains: list[str]) -> list[str]:
    """A word hyphenated over a page break ("Pome-" | "roy,") is put back together on the
    page where it starts."""
    mains = list(mains)
    for index in range(len(mains) - 1):
        if not _PAGE_END_HYPHEN.search(mains[index]):
            continue
        word = _PAGE_START_WORD.match(mains[index + 1])
        if word is None:
            continue
        mains[index] = mains[index].rstrip()[:-1] + word.group(1)
        mains[index + 1] = mains[index + 1][word.end() :].lstrip(" ")
    return mains


@dataclass(frozen=True)
class Segment:
    """A stretch of the brief's text from one page (its body or one footnote)."""

    start: int
    end: int
    page: int  # position in the list of pages
    label: str
    footnote: str  # "" for body text, else the footnote number


@dataclass(frozen=True)
class Place:
    """Where a citation sits: the page label and, in a footnote, its number."""

    label: str
    footnote: str
    page: int  # position in the list of pages (for ordering)


class BriefText:
    """The scanned text of a brief and the page of each offset."""

    def __init__(self, pages: list[Page]) -> None:
        pieces: list[str] = []
        segments: list[Segment] = []
        length = 0

        def add(text: str, page: int, label: str, footnote: str) -> None:
            nonlocal length
            if not text.strip():
                return
            pieces.append(text)
            segments.append(Segment(length, length + len(text), page, label, footnote))
            pieces.append("\n")
            length += len(text) + 1

        scanned = [(i, page) for i, page in enumerate(pages) if page.scanned]
        mains = _join_broken_words([page.main for _, page in scanned])
        pending: list[tuple[int, Page]] = []  # pages whose footnotes wait for a sentence end
        for (i, page), main in zip(scanned, mains, strict=True):
            assert page.label is not None
            main = dehyphenate(main)
            if pending and main:
                match = _SENTENCE_END.search(main)
                cut = match.end() if match else len(main)
                add(main[:cut], i, page.label, "")
                for j, earlier in pending:
                    self._add_notes(add, j, earlier)
                pending = []
                main = main[cut:]
            add(main, i, page.label, "")
            if page.footnotes:
                if _ENDS_SENTENCE.search(main) or not main.strip():
                    self._add_notes(add, i, page)
                else:
                    pending.append((i, page))
        for j, earlier in pending:
            self._add_notes(add, j, earlier)
        self.text = "".join(pieces)
        self.segments = segments
        self._starts = [segment.start for segment in segments]
        self.pages = pages

    @staticmethod
    def _add_notes(add: object, index: int, page: Page) -> None:
        assert page.label is not None
        for note in page.footnotes:
            add(dehyphenate(note.text), index, page.label, note.number or "?")  # type: ignore[operator]

    def place(self, offset: int) -> Place:
        """The page (and footnote) of the character at ``offset``."""
        position = bisect.bisect_right(self._starts, offset) - 1
        segment = self.segments[max(position, 0)]
        return Place(segment.label, segment.footnote, segment.page)

    def stream(self, offset: int) -> str:
        """ "" for body text, "page:footnote" for a footnote (each footnote is its own run)."""
        place = self.place(offset)
        return f"{place.page}:{place.footnote}" if place.footnote else ""

    def skipped_spans(self, headings: Sequence[str]) -> list[tuple[int, int]]:
        """The spans of the sections headed by one of ``headings`` (to the next heading)."""
        wanted = {" ".join(h.upper().split()) for h in headings}
        spans: list[tuple[int, int]] = []
        open_at: int | None = None
        for match in _HEADING.finditer(self.text):
            title = " ".join(match.group(1).split())
            if open_at is not None:
                spans.append((open_at, match.start()))
                open_at = None
            if title in wanted:
                open_at = match.end()
        if open_at is not None:
            spans.append((open_at, min(len(self.text), open_at + 3000)))
        return spans

    def paragraph_places(self) -> list[tuple[int, str]] | None:
        """(offset, paragraph number) of each numbered paragraph, or None when there are none.

        "[¶ 12]" marks (North Dakota style) are preferred; else lines opening with "12." in an
        unbroken sequence from 1.
        """
        marks = [(m.start(), m.group(1)) for m in _PARAGRAPH_MARK.finditer(self.text)]
        if len(marks) >= 2:
            return marks
        numbered: list[tuple[int, str]] = []
        expected = 1
        for match in _NUMBERED_PARAGRAPH.finditer(self.text):
            if int(match.group(1)) == expected:
                numbered.append((match.start(), match.group(1)))
                expected += 1
        return numbered if len(numbered) >= 2 else None
