"""Turns a raw party name into comparable tokens, the way a conflicts analyst reads it.

Folding: Unicode NFKC, case folding, diacritics removed from Latin letters (José -> jose,
Đặng -> dang, Müller -> muller; ß -> ss). Letters of other scripts (Arabic, Chinese...) are
kept as they are, minus combining marks, so such names match themselves and nothing else.
Persons: honorifics and suffixes dropped, "Last, First" reordered, hyphenated names split.
Organizations: "&" = "and", "The" dropped, abbreviations expanded, legal forms (Inc, LLC...)
removed from the name and kept aside as canonical classes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

from casedesk.core.conflicts import rules_data
from casedesk.core.conflicts.model import PartyKind

MAX_NAME_LENGTH = 500

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4\u02bc]")
_NON_WORD = re.compile(r"[\W_]+")
_UMLAUT_DIGRAPH = re.compile(r"(?<=[b-df-hj-np-tv-z])(ae|oe|ue)(?=[b-df-hj-np-tv-z])")
_ALTERNATE_NAME = re.compile(
    r"(?:^|\s|,)\(?\s*(d\s*/\s*b\s*/\s*a|d\.b\.a\.?|dba|a\s*/\s*k\s*/\s*a|a\.k\.a\.?|aka"
    r"|f\s*/\s*k\s*/\s*a|f\.k\.a\.?|fka|n\s*/\s*k\s*/\s*a|nka|t\s*/\s*a"
    r"|doing business as|trading as|also known as|formerly known as|now known as)"
    r"(?=\s|:|$)\s*:?",
    re.IGNORECASE,
)
_ALTERNATE_LABELS = {"d": "d/b/a", "a": "a/k/a", "f": "f/k/a", "n": "n/k/a", "t": "d/b/a"}

_char_cache: dict[str, str] = {}


def _fold_char(char: str) -> str:
    """Fold one non-ASCII character: strip marks, transliterate Latin letters only."""
    folded = _char_cache.get(char)
    if folded is None:
        parts = []
        for piece in unicodedata.normalize("NFKD", char):
            if unicodedata.category(piece) == "Mn":
                continue
            if piece.isascii():
                parts.append(piece)
            elif "LATIN" in unicodedata.name(piece, ""):
                # Letters unidecode cannot spell in ASCII (e.g. the Egyptological alef) are
                # kept: dropping them would leave some names with no tokens at all.
                parts.append(unidecode(piece).lower() or piece)
            else:
                parts.append(piece)
        folded = "".join(parts)
        _char_cache[char] = folded
    return folded


def fold_text(text: str) -> str:
    """Case-fold and strip diacritics from Latin text; keep other scripts as they are."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    return "".join(char if char.isascii() else _fold_char(char) for char in text)


def umlaut_key(token: str) -> str:
    """Collapse German vowel digraphs between consonants (mueller -> muller) for lookups."""
    return _UMLAUT_DIGRAPH.sub(lambda match: match.group(1)[0], token) if len(token) > 3 else token


def split_alternate_names(name: str) -> list[tuple[str, str]]:
    """Split "A d/b/a B", "A a/k/a B", "A f/k/a B" into [(A, ""), (B, "d/b/a"), ...]."""
    pieces = _ALTERNATE_NAME.split(name)
    if len(pieces) == 1:
        return [(name.strip(), "")]
    result = [(pieces[0].strip(" ,()"), "")]
    for marker, text in zip(pieces[1::2], pieces[2::2], strict=True):
        label = _ALTERNATE_LABELS.get(marker.strip().lower()[:1], "a/k/a")
        if marker.lower().startswith("doing") or marker.lower().startswith("trading"):
            label = "d/b/a"
        result.append((text.strip(" ,()"), label))
    named = [(text, label) for text, label in result if text]
    return named or [(name.strip(), "")]  # a name that is only a marker ("N/K/A") is itself


@dataclass(frozen=True, slots=True, kw_only=True)
class NormalizedName:
    """A name reduced to comparable tokens.

    ``tokens`` are in reading order (given names first for persons); ``hyphenated`` holds the
    positions of tokens that were part of a hyphenated word; ``forms`` the canonical legal
    forms stripped from an organization name.
    """

    kind: PartyKind
    tokens: tuple[str, ...]
    hyphenated: frozenset[int] = frozenset()
    forms: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        """The tokens joined by single spaces: equal keys mean an exact normalised match."""
        return " ".join(self.tokens)


def _raw_parts(text: str) -> list[list[str]]:
    """Split folded text into comma-separated parts of whitespace-separated raw tokens."""
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    return [part.split() for part in text.split(",")]


def _split_raw_token(raw: str, keep_whole: frozenset[str]) -> tuple[list[str], bool]:
    """Split a raw token on punctuation unless, without its dots, it is a known word (M.D.)."""
    compact = raw.replace(".", "")
    if compact in keep_whole:
        return [compact], False
    pieces = [piece for piece in _NON_WORD.split(raw) if piece]
    return pieces, len(pieces) > 1 and "-" in raw


@lru_cache(maxsize=1)
def _person_whole_words() -> frozenset[str]:
    return rules_data.honorifics() | rules_data.suffixes()


@lru_cache(maxsize=1)
def _org_whole_words() -> frozenset[str]:
    return frozenset(
        form[0] for form in rules_data.corporate_forms() if len(form) == 1
    ) | frozenset(rules_data.organization_abbreviations())


def _tokenize_part(raw_tokens: list[str], keep_whole: frozenset[str]) -> tuple[list[str], set[int]]:
    """Tokenize one comma part; return tokens and positions that came from hyphenated words."""
    tokens: list[str] = []
    hyphenated: set[int] = set()
    for raw in raw_tokens:
        pieces, was_hyphenated = _split_raw_token(raw, keep_whole)
        if was_hyphenated:
            hyphenated.update(range(len(tokens), len(tokens) + len(pieces)))
        tokens.extend(pieces)
    return tokens, hyphenated


def normalize_person(name: str) -> NormalizedName:
    """Normalise a person's name: honorifics/suffixes dropped, "Last, First" reordered."""
    honorifics, suffixes = rules_data.honorifics(), rules_data.suffixes()
    droppable = _person_whole_words()
    parts = [_tokenize_part(raw, _person_whole_words()) for raw in _raw_parts(fold_text(name))]
    parts = [part for part in parts if part[0]]
    meaningful = [part for part in parts if not all(token in droppable for token in part[0])]
    if len(meaningful) == 2:
        parts = [meaningful[1], meaningful[0]]
    elif meaningful:
        parts = meaningful
    tokens: list[str] = []
    hyphenated: set[int] = set()
    for part_tokens, part_hyphenated in parts:
        hyphenated.update(position + len(tokens) for position in part_hyphenated)
        tokens.extend(part_tokens)
    keep = [True] * len(tokens)
    for position, token in enumerate(tokens):
        if (
            position == 0
            and token in honorifics
            or position > 0
            and token in suffixes
            or position > 0
            and token in honorifics
            and not any(keep[:position])
        ):
            keep[position] = False
    if not any(keep):
        keep = [True] * len(tokens)
    kept = [position for position in range(len(tokens)) if keep[position]]
    return NormalizedName(
        kind=PartyKind.PERSON,
        tokens=tuple(tokens[position] for position in kept),
        hyphenated=frozenset(new for new, old in enumerate(kept) if old in hyphenated),
    )


def _strip_forms(tokens: list[str]) -> tuple[list[str], set[str]]:
    """Remove trailing legal forms ("co inc", "l l c") and return them as canonical classes."""
    forms_table = rules_data.corporate_forms()
    found: set[str] = set()
    changed = True
    while changed and tokens:
        changed = False
        for width in (5, 4, 3, 2, 1):
            tail = tuple(tokens[-width:])
            if len(tokens) > width and tail in forms_table:
                found.add(forms_table[tail])
                del tokens[-width:]
                changed = True
                break
        if tokens and tokens[-1] == "and" and found and len(tokens) > 1:
            tokens.pop()
    return tokens, found


def normalize_organization(name: str) -> NormalizedName:
    """Normalise an organization name: legal forms aside, "The" dropped, abbreviations expanded."""
    abbreviations = rules_data.organization_abbreviations()
    tokens: list[str] = []
    for raw in _raw_parts(fold_text(name)):
        part_tokens, _ = _tokenize_part(raw, _org_whole_words())
        tokens.extend(abbreviations.get(token, token) for token in part_tokens)
    original = list(tokens)
    tokens = [token for token in tokens if token != "the"] or original
    core, forms = _strip_forms(list(tokens))
    if not core:
        core, forms = tokens, set()
    return NormalizedName(kind=PartyKind.ORGANIZATION, tokens=tuple(core), forms=frozenset(forms))


@lru_cache(maxsize=65536)
def normalize_name(name: str, kind: PartyKind) -> NormalizedName:
    """Normalise a name by the rules of its kind (cached)."""
    if kind is PartyKind.ORGANIZATION:
        return normalize_organization(name)
    return normalize_person(name)


def guess_kind(name: str) -> PartyKind:
    """Guess whether a name is an organization (legal form, marker word, &, d/b/a) or a person."""
    if len(split_alternate_names(name)) > 1 or "&" in name:
        return PartyKind.ORGANIZATION
    folded = fold_text(name)
    tokens: list[str] = []
    for raw in _raw_parts(folded):
        tokens.extend(_tokenize_part(raw, _org_whole_words())[0])
    if not tokens:
        return PartyKind.PERSON
    _, forms = _strip_forms(list(tokens))
    if forms:
        return PartyKind.ORGANIZATION
    words, phrases = rules_data.organization_markers()
    if any(token in words or token.isdigit() for token in tokens):
        return PartyKind.ORGANIZATION
    joined = f" {' '.join(tokens)} "
    if any(f" {' '.join(phrase)} " in joined for phrase in phrases):
        return PartyKind.ORGANIZATION
    return PartyKind.PERSON
