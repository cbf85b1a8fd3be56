"""Compares two normalised name tokens and says how alike they are, by which rule.

Levels, strongest first: exact, umlaut spelling (mueller = muller), nickname (bob = robert),
typo (same first letter, edit distance 1, or 2 for words of 10+ letters, transpositions count as 1), phonetic (same
Metaphone or NYSIIS code and similar spelling: steven = stephen, catherine = kathryn),
initial (j = john). Typos and phonetics apply only to Latin-script tokens of 4+ letters.
"""

from __future__ import annotations

from enum import IntEnum
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import OSA, JaroWinkler

from casedesk.core.conflicts import rules_data
from casedesk.core.conflicts.normalize import umlaut_key

MIN_FUZZY_LENGTH = 4
LONG_TOKEN_LENGTH = 10
MIN_PHONETIC_SIMILARITY = 0.75


class TokenMatch(IntEnum):
    """How two tokens match; the value is the score a whole name gets when this is its weakest link."""

    NONE = 0
    INITIAL = 72
    PHONETIC = 84
    TYPO = 87
    NICKNAME = 90
    JOINED = 98
    UMLAUT = 99
    EXACT = 100


RULE_OF_MATCH: dict[TokenMatch, str] = {
    TokenMatch.INITIAL: "initial",
    TokenMatch.PHONETIC: "phonetic",
    TokenMatch.TYPO: "typo",
    TokenMatch.NICKNAME: "nickname",
    TokenMatch.JOINED: "normalized",
    TokenMatch.UMLAUT: "normalized",
    TokenMatch.EXACT: "exact",
}


def is_fuzzy_eligible(token: str) -> bool:
    """Typos and phonetics are only tried on Latin-letter tokens long enough to be safe."""
    return len(token) >= MIN_FUZZY_LENGTH and token.isascii() and token.isalpha()


def max_typo_distance(left: str, right: str) -> int:
    """Edit distance tolerated between two tokens: 1, or 2 when both are 10+ letters."""
    shortest = min(len(left), len(right))
    if shortest < MIN_FUZZY_LENGTH:
        return 0
    return 2 if shortest >= LONG_TOKEN_LENGTH else 1


@lru_cache(maxsize=200_000)
def phonetic_keys(token: str) -> tuple[str, str]:
    """Metaphone (without a plural S) and NYSIIS codes of a token, e.g. meyer/myers -> MYR."""
    metaphone = jellyfish.metaphone(token)
    if len(metaphone) > 2 and metaphone.endswith("S"):
        metaphone = metaphone[:-1]
    return metaphone, jellyfish.nysiis(token)


def are_nicknames(left: str, right: str) -> bool:
    """True when the nickname table links the two given names (bob/robert, peggy/margaret)."""
    related = rules_data.nickname_relations().get(left)
    return related is not None and right in related


def is_typo(left: str, right: str) -> bool:
    """True when the tokens start alike and are within the tolerated edit distance (smtih/smith)."""
    limit = max_typo_distance(left, right)
    if limit == 0 or abs(len(left) - len(right)) > limit or left[0] != right[0]:
        return False
    return bool(OSA.distance(left, right, score_cutoff=limit) <= limit)


def is_phonetic(left: str, right: str) -> bool:
    """True when the tokens sound alike and are spelled similarly (steven/stephen)."""
    if not (is_fuzzy_eligible(left) and is_fuzzy_eligible(right)):
        return False
    left_keys, right_keys = phonetic_keys(left), phonetic_keys(right)
    if left_keys[0] != right_keys[0] and left_keys[1] != right_keys[1]:
        return False
    return bool(JaroWinkler.similarity(left, right) >= MIN_PHONETIC_SIMILARITY)


@lru_cache(maxsize=500_000)
def compare_tokens(left: str, right: str) -> TokenMatch:
    """Return the strongest way two full tokens match (initials are handled separately)."""
    if left == right:
        return TokenMatch.EXACT
    if umlaut_key(left) == umlaut_key(right):
        return TokenMatch.UMLAUT
    if len(left) == 1 or len(right) == 1:
        return TokenMatch.INITIAL if left[0] == right[0] else TokenMatch.NONE
    if are_nicknames(left, right):
        return TokenMatch.NICKNAME
    if is_fuzzy_eligible(left) and is_fuzzy_eligible(right):
        if is_typo(left, right):
            return TokenMatch.TYPO
        if is_phonetic(left, right):
            return TokenMatch.PHONETIC
    return TokenMatch.NONE
