"""eyecite with its reporter expressions run near their reporter strings only.

eyecite's default tokenizer picks the extractors whose reporter strings ("U.S.", "F.3d",
"P.") occur anywhere in the text, then runs each one's expression over the whole text: on a
100-page brief that is about 350 expressions over 180,000 characters, most of eyecite's time.
:class:`WindowedTokenizer` runs each such expression only in windows around the places where
one of its strings occurs (extractors without strings still see the whole text), so it finds
the same citations with the same spans, several times faster. Most expressions begin with a
volume number, so a string without a digit just before it (the "P." of "P.2d" in prose, an
"S." in a name) is no place for them: those spots are dropped before anything is compiled,
which spares a fresh process compiling some 200 large expressions that could not match. A
test compares the tokenizer with eyecite's own on real briefs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Generator
from functools import cache, lru_cache
from typing import Any

from eyecite import get_citations
from eyecite.models import CitationBase, Token
from eyecite.tokenizers import AhocorasickTokenizer

from casedesk.core.citations.extract import eyecite_text

WINDOW = 200
"""Characters around a reporter string in which its expression is run (a citation with its
volume, page, pin cite and a short form's "at" is far shorter)."""

_SPACE = re.compile(r"\s")

_VOLUME_FIRST = r"(?:^|[^a-zA-Z0-9])((?P<volume>[1-9]\d*) "
"""How most of eyecite's reporter expressions begin: a volume number, one space, then the
reporter. For those, a reporter string can only be part of a match where a digit comes just
before it, which is checked before the expression is compiled (see :func:`_volume_before`)."""


@cache
def _volume_strings(extractor: Any) -> tuple[str, ...]:
    """The extractor's strings as the filter sees them (no whitespace; lower case when the
    extractor ignores case), or () when its expression does not begin with a volume."""
    if not extractor.regex.startswith(_VOLUME_FIRST):
        return ()
    lower = bool(extractor.flags & re.I)
    return tuple(
        "".join(s.split()).lower() if lower else "".join(s.split()) for s in extractor.strings
    )


def _volume_before(extractor: Any, stripped: str, lowered: str, end: int) -> bool:
    """Whether a reporter string of a volume-first extractor ending at ``end`` of the
    whitespace-free text has a digit just before it (always true for other extractors)."""
    strings = _volume_strings(extractor)
    if not strings:
        return True
    text = lowered if extractor.flags & re.I else stripped
    for string in strings:
        start = end - len(string) + 1
        if start > 0 and text[start - 1].isdigit() and text.startswith(string, start):
            return True
    return False


class WindowedTokenizer(AhocorasickTokenizer):
    """An Aho-Corasick tokenizer that runs reporter expressions only near their strings."""

    def extract_tokens(self, text: str) -> Generator[Token, None, None]:
        # Where each non-space character of the text is (eyecite matches strings on the text
        # without whitespace, so spaced-out reporters such as "N. Y. S. 2d" are found).
        kept = [m.start() for m in re.finditer(r"\S", text)]
        stripped = "".join(text[i] for i in kept)
        lowered = stripped.lower()
        spots: dict[Any, list[int]] = defaultdict(list)
        for end, extractors in self.case_sensitive_filter.iter(stripped):
            for extractor in extractors:
                if _volume_before(extractor, stripped, lowered, end):
                    spots[extractor].append(kept[end])
        for end, extractors in self.case_insensitive_filter.iter(lowered):
            for extractor in extractors:
                if _volume_before(extractor, stripped, lowered, end):
                    spots[extractor].append(kept[end])
        for extractor in self.unfiltered_extractors:
            for match in extractor.get_matches(text):
                yield extractor.get_token(match)
        length = len(text)
        for extractor, positions in spots.items():
            windows: list[list[int]] = []
            for position in sorted(positions):
                low, high = max(0, position - WINDOW), min(length, position + WINDOW)
                if windows and low <= windows[-1][1]:
                    windows[-1][1] = high
                else:
                    windows.append([low, high])
            regex = extractor.compiled_regex
            seen: set[tuple[int, int]] = set()
            for low, high in windows:
                for match in regex.finditer(text, low, high):
                    if match.span() not in seen:
                        seen.add(match.span())
                        yield extractor.get_token(match)


@cache
def tokenizer() -> WindowedTokenizer:
    _cache_court_lookup()
    return WindowedTokenizer()


def _cache_court_lookup() -> None:
    """Remember eyecite's court for each parenthetical ("9th Cir.").

    ``eyecite.helpers.get_court_by_paren`` compares the parenthetical with every court of
    courts-db, one regular-expression substitution each (about 40 ms a call); it is a pure
    function of its string, so a cached copy gives the same answers. Installed once for the
    process (eyecite looks the name up in its module at each call).
    """
    from eyecite import helpers

    original = getattr(helpers, "get_court_by_paren", None)
    if original is not None and getattr(original, "cache_info", None) is None:
        helpers.get_court_by_paren = lru_cache(maxsize=4096)(original)


def citations(text: str) -> list[CitationBase]:
    """``eyecite.get_citations`` on the text with line breaks read as spaces (same offsets)."""
    plain = eyecite_text(text)
    if not plain.strip() or plain == "eyecite":  # eyecite answers "eyecite" with a joke citation
        return []
    found: list[CitationBase] = get_citations(plain, tokenizer=tokenizer())
    return found


__all__ = ["WINDOW", "WindowedTokenizer", "citations", "tokenizer"]
