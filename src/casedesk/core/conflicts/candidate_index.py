"""Inverted indexes that find the few registry names worth scoring for a query.

Built once from the registry: normalised token -> entries (compact uint32 arrays), and over
the distinct tokens only: single-deletion neighbourhood (SymSpell, for typos) and phonetic
codes (Metaphone, NYSIIS). Nicknames are looked up in the nickname table at query time.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from casedesk.core.conflicts import rules_data
from casedesk.core.conflicts.normalize import umlaut_key
from casedesk.core.conflicts.token_similarity import (
    is_fuzzy_eligible,
    is_phonetic,
    is_typo,
    phonetic_keys,
)

_Group = tuple[set[int], set[int] | None]  # entries, and the token ids they came from
RETRIEVAL_STOPWORDS = frozenset({"and", "of", "the", "de", "la", "del", "van", "von"})


def initial_key(initial: str, token: str) -> str:
    """Index key pairing a first-name initial with a later token of the same name."""
    return f"{initial}\x1f{token}"


def single_deletions(token: str) -> set[str]:
    """All strings made by deleting one character from the token."""
    return {token[:position] + token[position + 1 :] for position in range(len(token))}


def index_keys(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct index keys of a name: its tokens (umlauts collapsed), and for each later
    token the initial of the first name with it ("j|smith"), so that "J. Smith" finds
    John Smith without scoring every Smith.
    """
    keys = {umlaut_key(token) for token in tokens}
    if len(tokens) > 1 and tokens[0][0].isascii() and tokens[0][0].isalpha():
        keys.update(initial_key(tokens[0][0], umlaut_key(token)) for token in tokens[1:])
    return tuple(keys)


@dataclass(slots=True)
class TokenVocabulary:
    """Distinct index tokens with their postings and fuzzy lookup tables."""

    ids: dict[str, int]
    tokens: list[str]
    postings: list[array[int]]
    deletions: dict[str, list[int]]
    phonetic: dict[str, list[int]]

    @classmethod
    def empty(cls) -> TokenVocabulary:
        """A vocabulary with no tokens, filled by add_entry() then finish()."""
        return cls(ids={}, tokens=[], postings=[], deletions={}, phonetic={})

    def add_entry(self, entry_id: int, tokens: tuple[str, ...]) -> None:
        """Record that an entry (one registry name) contains these tokens."""
        self.add_keys(entry_id, index_keys(tokens))

    def add_keys(self, entry_id: int, keys: tuple[str, ...]) -> None:
        """Record that an entry has these index keys (see index_keys())."""
        ids, postings = self.ids, self.postings
        for key in keys:
            token_id = ids.get(key)
            if token_id is None:
                token_id = ids[key] = len(self.tokens)
                self.tokens.append(key)
                postings.append(array("I"))
            postings[token_id].append(entry_id)

    def finish(self) -> None:
        """Build the typo and phonetic tables over the distinct tokens."""
        for token_id, token in enumerate(self.tokens):
            if not is_fuzzy_eligible(token):
                continue
            for variant in single_deletions(token) | {token}:
                self.deletions.setdefault(variant, []).append(token_id)
            metaphone, nysiis = phonetic_keys(token)
            self.phonetic.setdefault("m:" + metaphone, []).append(token_id)
            if nysiis != metaphone:
                self.phonetic.setdefault("n:" + nysiis, []).append(token_id)

    def posting_size(self, token: str) -> int:
        """How many registry names contain this token."""
        token_id = self.ids.get(umlaut_key(token))
        return 0 if token_id is None else len(self.postings[token_id])

    def similar_token_ids(self, token: str, *, person: bool) -> set[int]:
        """Ids of index tokens that may match this query token (exact, nickname, typo, phonetic)."""
        found: set[int] = set()
        key = umlaut_key(token)
        exact = self.ids.get(key)
        if exact is not None:
            found.add(exact)
        if person:
            for related in rules_data.nickname_relations().get(token, ()):
                related_id = self.ids.get(related)
                if related_id is not None:
                    found.add(related_id)
        if not is_fuzzy_eligible(key):
            return found
        for variant in single_deletions(key) | {key}:
            for token_id in self.deletions.get(variant, ()):
                if token_id not in found and is_typo(key, self.tokens[token_id]):
                    found.add(token_id)
        if person:
            metaphone, nysiis = phonetic_keys(key)
            for code in ("m:" + metaphone, "n:" + nysiis):
                for token_id in self.phonetic.get(code, ()):
                    if token_id not in found and is_phonetic(key, self.tokens[token_id]):
                        found.add(token_id)
        return found

    def entries_for(self, token_ids: Iterable[int]) -> set[int]:
        """Union of the postings of several tokens."""
        result: set[int] = set()
        for token_id in token_ids:
            result.update(self.postings[token_id])
        return result


def _shared_pair(
    vocabulary: TokenVocabulary, left: _Group, right: _Group, shared: set[int]
) -> set[int]:
    """Entries matching two query words whose variants overlap, through two different words.

    "Abbe" and "Abigail" are nicknames of each other, so both words' variants include every
    Abigail: an entry qualifies only if it has a variant of each through distinct tokens
    (a variant only one side has, or two distinct shared variants: "Abigail Abbe Weber").
    """
    left_entries, left_ids = left
    right_entries, right_ids = right
    assert left_ids is not None and right_ids is not None
    result = vocabulary.entries_for(left_ids - shared) & right_entries
    result |= left_entries & vocabulary.entries_for(right_ids - shared)
    counts = Counter(chain.from_iterable(vocabulary.postings[token_id] for token_id in shared))
    result.update(entry for entry, count in counts.items() if count > 1)
    return result


def candidate_entries(
    vocabulary: TokenVocabulary,
    tokens: tuple[str, ...],
    *,
    person: bool,
    extra_groups: Iterable[set[int]] = (),
) -> set[int]:
    """Entries sharing (a variant of) at least two query tokens, or one if the query has one.

    Initials do not retrieve on their own (J. Smith retrieves through Smith). Two query
    tokens count as two only through two different tokens of the entry.
    """
    groups: list[_Group] = []
    seen: set[str] = set()
    if all(len(token) == 1 and token.isascii() for token in tokens):
        found = [vocabulary.ids[key] for key in map(umlaut_key, tokens) if key in vocabulary.ids]
        return set().union(*(set(vocabulary.postings[token_id]) for token_id in found))
    first = tokens[0][0]
    initial = tokens[0] if person and first.isascii() and first.isalpha() else ""
    for position, token in enumerate(tokens):
        if token in seen or (len(token) == 1 and token.isascii()):
            continue
        if token in RETRIEVAL_STOPWORDS and len(tokens) > 2:
            continue
        seen.add(token)
        similar = vocabulary.similar_token_ids(token, person=person)
        if len(initial) == 1:  # "J. Smith": look up j|smith instead of every Smith
            keys = (initial_key(initial, vocabulary.tokens[token_id]) for token_id in similar)
            ids = {vocabulary.ids[key] for key in keys if key in vocabulary.ids}
            groups.append((vocabulary.entries_for(ids), ids))
            continue
        groups.append((vocabulary.entries_for(similar), similar))
        if initial and position > 0:  # "John Smith" must also find "J. Smith"
            keys = (initial_key(initial[0], vocabulary.tokens[token_id]) for token_id in similar)
            ids = {vocabulary.ids[key] for key in keys if key in vocabulary.ids}
            initials_only = vocabulary.entries_for(ids) - groups[-1][0]
            if initials_only:
                groups.append((initials_only, None))
    groups.extend((group, None) for group in extra_groups)
    groups = [group for group in groups if group[0]]
    if not groups:
        return set()
    if len(groups) == 1 or len(seen) < 2:
        return set().union(*(group[0] for group in groups))
    groups.sort(key=lambda group: len(group[0]))
    result: set[int] = set()
    for index, small in enumerate(groups):
        for other in groups[index + 1 :]:
            shared = small[1] & other[1] if small[1] and other[1] else None
            if shared:
                result |= _shared_pair(vocabulary, small, other, shared)
            else:
                result |= small[0] & other[0]
    return result


def joined_token_groups(vocabulary: TokenVocabulary, tokens: tuple[str, ...]) -> list[set[int]]:
    """Entries containing two adjacent query tokens written as one word (O Brien -> obrien)."""
    groups = []
    for position in range(len(tokens) - 1):
        token_id = vocabulary.ids.get(umlaut_key(tokens[position] + tokens[position + 1]))
        if token_id is not None:
            groups.append(set(vocabulary.postings[token_id]))
    return groups
