"""How text becomes searchable terms: one analyzer for every casedesk index.

The pipeline is Tantivy's built-in ``en_stem`` analyzer plus accent folding:

1. ``simple`` tokenizer: splits on every character that is not a letter or digit, so
   "e-mail" is two tokens (searched as the phrase "e mail"), "U.S.C." is "u s c", "don't" is
   "don t". Scripts written without spaces (Chinese, Japanese, Thai) are not segmented: a run
   of such characters is one token.
2. ``remove_long(40)``: tokens over 40 bytes are dropped (base64 junk, hashes); a search for
   such a word finds nothing.
3. ``lowercase``: case-insensitive ("CONTRACT" = "contract"; "Hợp Đồng" = "hợp đồng").
4. ``ascii_fold``: accent-insensitive for Latin scripts ("Müller" = "muller",
   "café" = "cafe", Vietnamese "hợp đồng" = "hop dong", "ß" = "ss"). Not in ``en_stem``;
   added because clients' names are typed without their accents. Arabic, Greek, Cyrillic
   and CJK text is unchanged (Arabic "عقد" is its own term).
5. ``stemmer("english")``: Snowball English (Porter 2). Inflections meet: "negligent",
   "negligence", "negligently" -> "neglig"; "contracts" -> "contract"; "running" -> "run".
   Irregular forms do not ("ran" stays "ran"). No stop words are removed, so "of" and "the"
   are searchable and phrases keep every word.

The analyzer is registered under a versioned name that Tantivy writes into the index's
schema: change the pipeline, bump the name, and every index built with the old one is
reported as ``SchemaChanged`` (rebuild) instead of silently mismatching terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import tantivy

TEXT_TOKENIZER: Final = "casedesk_text_v1"


def text_analyzer() -> tantivy.TextAnalyzer:
    """A fresh analyzer of the pipeline described above."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


# Shared by every thread: the bindings hold the GIL while they analyze.
_ANALYZER: Final = text_analyzer()


def register_text_tokenizer(index: tantivy.Index) -> None:
    """Make the analyzer known to one opened index (Tantivy does not persist tokenizers)."""
    index.register_tokenizer(TEXT_TOKENIZER, text_analyzer())


@dataclass(frozen=True)
class AnalyzedToken:
    """One term with where it came from: ``text[start:end]`` (Python string offsets)."""

    term: str
    position: int
    start: int
    end: int


def analyze(text: str) -> list[AnalyzedToken]:
    """The terms of ``text``, as the index stores them, with positions and offsets."""
    return [
        AnalyzedToken(token.text, token.position, token.char_offset_from, token.char_offset_to)
        for token in _ANALYZER.pre_tokenize(text).tokens
    ]


def terms(text: str) -> list[str]:
    """Just the terms of ``text``."""
    return _ANALYZER.analyze(text)


def tokens_of(text: str) -> list[tantivy.Token]:
    """Tantivy's own tokens of ``text`` (``.text``, ``.char_offset_from``, ``.char_offset_to``).

    The fast path for snippets: no Python object of ours per token.
    """
    return _ANALYZER.pre_tokenize(text).tokens
