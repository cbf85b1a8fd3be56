"""Highlighted, HTML-escaped titles and body snippets.

Tantivy's ``SnippetGenerator`` picks the passage of the body where the query's words are
densest (in Rust, with the index's stems; a growing first part of the body, see
:func:`find_anchor`). casedesk then cuts its own window around
the first match of that passage: about 60 characters of context before it, about
:data:`SNIPPET_CHARS` characters in all, cut at spaces, runs of whitespace collapsed (court
opinions and OCR output are full of them), "…" where text was left out. The window is
tokenized again with the index's analyzer and every token whose term the query looks for is
wrapped in ``<mark>``; neighbouring marks merge, so a phrase shows as one mark. Everything
else is HTML-escaped: the result can go into a template with ``|safe``.

Tantivy's own ``Snippet.to_html`` is not used: it marks with ``<b>``, cannot add leading
context, and its ranges are UTF-8 byte offsets, which :func:`find_anchor` converts.
"""

from __future__ import annotations

from html import escape
from typing import Final

import tantivy

from casedesk.core.search.analysis import terms as analyzed_terms
from casedesk.core.search.analysis import tokens_of

SNIPPET_CHARS: Final = 200
LEADING_CONTEXT_CHARS: Final = 60
_RAW_FACTOR: Final = 8  # raw characters read per shown character (whitespace runs collapse)
ELLIPSIS: Final = "…"
FIRST_CHUNK_CHARS: Final = 1_000


def mark_html(text: str, terms: frozenset[str]) -> str:
    """``text`` HTML-escaped, with every token whose term is in ``terms`` in ``<mark>``."""
    if not terms or terms.isdisjoint(analyzed_terms(text)):
        return escape(text)
    spans: list[list[int]] = []
    for token in tokens_of(text):
        if token.text not in terms:
            continue
        start, end = token.char_offset_from, token.char_offset_to
        if spans and text[spans[-1][1] : start].isspace():
            spans[-1][1] = end  # the next word of a marked run: one mark
        else:
            spans.append([start, end])
    parts: list[str] = []
    done = 0
    for start, end in spans:
        parts.append(escape(text[done:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        done = end
    parts.append(escape(text[done:]))
    return "".join(parts)


def _anchor_of(text: str, snippet: tantivy.Snippet) -> int | None:
    """The string offset in ``text`` of the first highlighted word of a Tantivy snippet."""
    highlighted = snippet.highlighted()
    if not highlighted:
        return None
    byte_offset = snippet.fragment_range().start + min(part.start for part in highlighted)
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def find_anchor(generator: tantivy.SnippetGenerator, field: str, text: str) -> int | None:
    """Where in ``text`` the snippet should start: the first match of the best passage.

    Tokenizing and stemming costs about 0.5 ms per 8,000 characters, and a results page
    makes 20 snippets; so the generator reads the text in growing chunks (1,000 characters,
    then 4 times more each time, cut at spaces) and stops at the first chunk with a match.
    """
    start = 0
    size = FIRST_CHUNK_CHARS
    while start < len(text):
        end = _space_before(text, start + size, start + size // 2)
        chunk = text[start:end]
        found = _anchor_of(chunk, generator.snippet_from_doc(tantivy.Document(**{field: chunk})))
        if found is not None:
            return start + found
        start, size = end, size * 4
    return None


def _space_before(text: str, end: int, floor: int) -> int:
    """``end``, moved back to a whitespace character (not below ``floor``) unless past the text."""
    if end >= len(text):
        return len(text)
    cut = end
    while cut > floor and not text[cut].isspace():
        cut -= 1
    return cut if cut > floor else end


def _collapse(text: str) -> str:
    return " ".join(text.split())


def body_snippet_html(
    body: str, terms: frozenset[str], anchor: int | None, size: int = SNIPPET_CHARS
) -> str:
    """About ``size`` characters of ``body`` around ``anchor`` (its start when None), marked."""
    anchor = 0 if anchor is None else max(0, min(anchor, len(body)))
    lead = min(LEADING_CONTEXT_CHARS, size // 3) if anchor else 0

    # Context before the anchor: the last `lead` characters, starting at a word.
    raw_left_start = max(0, anchor - lead * _RAW_FACTOR)
    left = _collapse(body[raw_left_start:anchor])
    cut_left = bool(body[:raw_left_start].strip())
    if len(left) > lead:
        kept = left[-lead:]
        if left[-lead - 1] != " ":
            space = kept.find(" ")
            kept = kept[space + 1 :] if space >= 0 else ""
        left, cut_left = kept, True
    separator = " " if left and body[anchor - 1 : anchor].isspace() else ""

    # The anchor and what follows, up to the size, ending at a word.
    budget = max(size - len(left) - len(separator), 1)
    raw_right_end = anchor + budget * _RAW_FACTOR
    right = _collapse(body[anchor:raw_right_end])
    cut_right = bool(body[raw_right_end:].strip())
    if len(right) > budget:
        space = right.rfind(" ", 0, budget + 1)
        right, cut_right = (right[:space] if space > 0 else right[:budget]), True

    prefix = f"{ELLIPSIS} " if cut_left else ""
    suffix = f" {ELLIPSIS}" if cut_right else ""
    return prefix + mark_html(left + separator + right, terms) + suffix
