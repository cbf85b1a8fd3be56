"""ConflictIndex: the registry of parties, indexed once, searched for possible conflicts."""

from __future__ import annotations

import bisect
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from casedesk.core.conflicts import rules_data
from casedesk.core.conflicts.candidate_index import (
    TokenVocabulary,
    candidate_entries,
    index_keys,
    joined_token_groups,
)
from casedesk.core.conflicts.model import ConflictHit, PartyKind, RegistryParty
from casedesk.core.conflicts.name_scoring import (
    MATCH_THRESHOLD,
    NameMatch,
    person_profiles_apply,
    person_token_profile,
    score_names,
)
from casedesk.core.conflicts.normalize import (
    MAX_NAME_LENGTH,
    NormalizedName,
    guess_kind,
    normalize_name,
    normalize_organization,
    normalize_person,
    split_alternate_names,
    umlaut_key,
)
from casedesk.core.conflicts.reasons import hit_reason

DISTINCTIVE_MAX_ENTRIES = 200
MAX_SCORED_CANDIDATES = 3000
_PART_BITS = 4
_KIND_CODES = (PartyKind.PERSON, PartyKind.ORGANIZATION)


_HYPHEN_MASK_BITS = 32
_EMPTY: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class _EntryName:
    """One searchable name of a party: its main name, an alias, or a d/b/a part of either."""

    text: str
    kind: PartyKind
    where: str


@dataclass(slots=True)
class _NameStore:
    """The normalised form of every indexed name (entry), stored compactly: no Python object
    per name, so nothing is re-normalised at query time and the garbage collector has
    nothing to scan. Entry ``n`` has the tokens ``tokens[token_ids[starts[n]:starts[n + 1]]]``, kind code
    ``kinds[n]``, legal forms ``form_sets[forms[n]]`` and hyphenated positions as a bit mask
    (``hyphen_masks[n]``; positions past 31 in ``hyphen_overflow``).
    """

    tokens: list[str]
    token_ids: array[int]
    starts: array[int]
    kinds: bytearray
    forms: array[int]
    form_sets: list[frozenset[str]]
    hyphen_masks: array[int]
    hyphen_overflow: dict[int, frozenset[int]]

    def normalized(self, name_id: int) -> NormalizedName:
        """Rebuild the NormalizedName of a stored name."""
        tokens = self.tokens
        ids = self.token_ids[self.starts[name_id] : self.starts[name_id + 1]]
        mask = self.hyphen_masks[name_id]
        hyphenated = _EMPTY
        if mask:
            hyphenated = self.hyphen_overflow.get(name_id) or frozenset(
                position for position in range(_HYPHEN_MASK_BITS) if mask >> position & 1
            )
        return NormalizedName(
            kind=_KIND_CODES[self.kinds[name_id]],
            tokens=tuple([tokens[token_id] for token_id in ids]),
            hyphenated=hyphenated,
            forms=self.form_sets[self.forms[name_id]],
        )

    def token_count(self, name_id: int) -> int:
        """Number of tokens of a stored name."""
        return self.starts[name_id + 1] - self.starts[name_id]


class _NameStoreBuilder:
    """Fills a _NameStore while the index is built (tokens and legal-form sets interned)."""

    def __init__(self) -> None:
        self.store = _NameStore(
            tokens=[],
            token_ids=array("I"),
            starts=array("I", [0]),
            kinds=bytearray(),
            forms=array("H"),
            form_sets=[frozenset()],
            hyphen_masks=array("I"),
            hyphen_overflow={},
        )
        self._token_ids: dict[str, int] = {}
        self._form_ids: dict[frozenset[str], int] = {frozenset(): 0}

    def add(self, name: NormalizedName) -> int:
        """Store a normalised name; return its id (the next entry id)."""
        store = self.store
        token_ids = []
        for token in name.tokens:
            token_id = self._token_ids.get(token)
            if token_id is None:
                token_id = self._token_ids[token] = len(store.tokens)
                store.tokens.append(token)
            token_ids.append(token_id)
        form_id = self._form_ids.get(name.forms)
        if form_id is None:
            form_id = self._form_ids[name.forms] = len(store.form_sets)
            store.form_sets.append(name.forms)
        name_id = len(store.kinds)
        store.token_ids.extend(token_ids)
        store.starts.append(len(store.token_ids))
        store.kinds.append(_KIND_CODES.index(name.kind))
        store.forms.append(form_id)
        mask = 0
        for position in name.hyphenated:
            mask |= 1 << position if position < _HYPHEN_MASK_BITS else 0
        if name.hyphenated and max(name.hyphenated) >= _HYPHEN_MASK_BITS:
            store.hyphen_overflow[name_id] = name.hyphenated
            mask |= 1
        store.hyphen_masks.append(mask)
        return name_id


def validate_query(query: str) -> str:
    """Reject empty and over-long names with a message the web layer can show."""
    if not query or not query.strip():
        raise ValueError("Enter a name to check: the name is empty.")
    if len(query) > MAX_NAME_LENGTH:
        raise ValueError(
            f"The name is {len(query)} characters long; names are limited to {MAX_NAME_LENGTH}."
        )
    return query.strip()


def _name_parts(name: str, kind: PartyKind) -> list[tuple[str, PartyKind, str]]:
    """Split a name into searchable parts with their kind: "A d/b/a B" gives A and B (an org)."""
    parts = split_alternate_names(name)
    if len(parts) == 1:
        return [(parts[0][0], kind, "")]
    result = []
    for text, label in parts:
        if label == "d/b/a":
            result.append((text, PartyKind.ORGANIZATION, label))
        else:
            result.append((text, guess_kind(text) if label == "" else kind, label))
    return result


def _same_text(left: str, right: str) -> bool:
    """Equal apart from case, Unicode compatibility forms and spacing."""

    def canonical(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return canonical(left) == canonical(right)


class _TokenProfiles(dict[int, int]):
    """Registry token id -> id of its profile against one person query (-1: a particle).

    Filled lazily; see name_scoring.person_token_profile().
    """

    def __init__(self, query_tokens: tuple[str, ...], tokens: list[str]) -> None:
        super().__init__()
        self._query_tokens = query_tokens
        self._tokens = tokens
        self._profile_ids: dict[tuple[int, ...], int] = {}

    def __missing__(self, token_id: int) -> int:
        profile = person_token_profile(self._query_tokens, self._tokens[token_id])
        value = (
            -1 if profile is None else self._profile_ids.setdefault(profile, len(self._profile_ids))
        )
        self[token_id] = value
        return value


class ConflictIndex:
    """Searchable index of registry parties; build() once, search() many times."""

    def __init__(
        self,
        parties: list[RegistryParty],
        entry_party: array[int],
        entry_variant: array[int],
        names: _NameStore,
        vocabulary: TokenVocabulary,
    ) -> None:
        """Use ConflictIndex.build(); this constructor takes the prepared structures."""
        self._parties = parties
        self._entry_party = entry_party
        self._entry_variant = entry_variant
        self._names = names
        self._vocabulary = vocabulary

    @classmethod
    def build(cls, parties: Iterable[RegistryParty]) -> ConflictIndex:
        """Normalise every name and alias of every party and build the candidate indexes."""
        party_list = list(parties)
        entry_party: array[int] = array("I")
        entry_variant: array[int] = array("I")
        vocabulary = TokenVocabulary.empty()
        names = _NameStoreBuilder()
        for party_index, party in enumerate(party_list):
            for alias_index, name in enumerate((party.name, *party.aliases)):
                for part_index, (text, kind, _) in enumerate(_name_parts(name, party.kind)):
                    if part_index >= 1 << _PART_BITS:
                        break
                    normalized = (
                        normalize_organization(text)
                        if kind is PartyKind.ORGANIZATION
                        else normalize_person(text)
                    )
                    if not normalized.tokens:
                        continue
                    vocabulary.add_keys(len(entry_party), index_keys(normalized.tokens))
                    names.add(normalized)
                    entry_party.append(party_index)
                    entry_variant.append((alias_index << _PART_BITS) | part_index)
        vocabulary.finish()
        return cls(party_list, entry_party, entry_variant, names.store, vocabulary)

    def __len__(self) -> int:
        """Number of parties in the index."""
        return len(self._parties)

    def _entry_name(self, entry_id: int) -> _EntryName:
        """Recover the text, kind and description of an indexed name."""
        party = self._parties[self._entry_party[entry_id]]
        variant = self._entry_variant[entry_id]
        alias_index, part_index = variant >> _PART_BITS, variant & ((1 << _PART_BITS) - 1)
        name = party.name if alias_index == 0 else party.aliases[alias_index - 1]
        text, kind, label = _name_parts(name, party.kind)[part_index]
        if label:
            noun = "trade name" if label == "d/b/a" else "other name"
            inside = f'alias "{name}"' if alias_index else f'"{name}"'
            where = f'{noun} "{text}" ({label} in {inside})'
        elif alias_index:
            where = f'alias "{text}"'
        else:
            where = f'"{text}"'
        return _EntryName(text=text, kind=kind, where=where)

    def is_distinctive(self, token: str) -> bool:
        """Whether an organization word is rare and specific enough to flag on its own."""
        return (
            len(token) >= 3
            and token.isascii()
            and token.isalpha()
            and token not in rules_data.generic_org_words()
            and token not in rules_data.given_names()
            and token not in rules_data.organization_markers()[0]
            and 0 < self._vocabulary.posting_size(token) <= DISTINCTIVE_MAX_ENTRIES
        )

    def _entries_with_all(self, tokens: tuple[str, ...]) -> set[int]:
        """Entries containing every one of these tokens (spelled exactly, umlauts aside)."""
        postings = []
        for key in {umlaut_key(token) for token in tokens}:
            token_id = self._vocabulary.ids.get(key)
            if token_id is None:
                return set()
            postings.append(self._vocabulary.postings[token_id])
        postings.sort(key=len)
        found = set(postings[0])
        for posting in postings[1:]:
            found.intersection_update(posting)
            if not found:
                break
        return found

    def _candidates(self, normalized: NormalizedName, as_other_kind: NormalizedName) -> list[int]:
        """Entries worth scoring for one query name, in entry order."""
        person = normalized.kind is PartyKind.PERSON
        extra = joined_token_groups(self._vocabulary, normalized.tokens)
        found = candidate_entries(
            self._vocabulary, normalized.tokens, person=person, extra_groups=extra
        )
        if not person and normalized.tokens and self.is_distinctive(normalized.tokens[0]):
            token_id = self._vocabulary.ids.get(normalized.tokens[0])
            if token_id is not None:
                found.update(self._vocabulary.postings[token_id])
        if not found and normalized.tokens:
            # Nothing retrievable (only initials, digits and stopwords: "0 & 0"): the name
            # must still find itself.
            found = self._entries_with_all(normalized.tokens)
        if as_other_kind.tokens and as_other_kind.tokens != normalized.tokens:
            # The same text read as the other kind: a registry name filed under the other
            # kind must still match itself exactly, so it contains all of these tokens.
            found |= self._entries_with_all(as_other_kind.tokens)
        if len(found) <= MAX_SCORED_CANDIDATES:
            return sorted(found)
        return self._cut(found, normalized)

    def _cut(self, found: set[int], normalized: NormalizedName) -> list[int]:
        """Keep MAX_SCORED_CANDIDATES of a very broad query's candidates, likeliest hits first.

        First the names sharing at least two query words exactly (so "Abbe Abigail Weber" is
        never crowded out by every Abigail when both given names are nicknames of each
        other); then same-kind names, names with as many words as the query (they can score
        highest), main names before aliases (docs/decisions/0001-conflict-matcher.md).
        """
        vocabulary = self._vocabulary
        exact: list[set[int]] = []
        for key in dict.fromkeys(umlaut_key(token) for token in normalized.tokens):
            token_id = vocabulary.ids.get(key)
            if token_id is not None:
                exact.append(found.intersection(vocabulary.postings[token_id]))
        exact.sort(key=len)
        first: set[int] = set()
        for index, small in enumerate(exact):
            for other in exact[index + 1 :]:
                first |= small & other
        if len(first) >= MAX_SCORED_CANDIDATES:
            return sorted(sorted(first)[:MAX_SCORED_CANDIDATES])
        code = _KIND_CODES.index(normalized.kind)
        width = len(normalized.tokens)
        names, entry_variant = self._names, self._entry_variant
        rest = sorted(
            found - first,
            key=lambda entry: (
                names.kinds[entry] != code,
                names.token_count(entry) != width,
                entry_variant[entry],
                entry,
            ),
        )
        return sorted([*first, *rest[: MAX_SCORED_CANDIDATES - len(first)]])

    def _score_name(
        self, query: NormalizedName, as_other_kind: NormalizedName, name_id: int
    ) -> NameMatch | None:
        """Score one stored name against one query name (kinds may differ)."""
        cand = self._names.normalized(name_id)
        if (
            cand.kind is not query.kind
            and as_other_kind.tokens == cand.tokens
            and as_other_kind.forms == cand.forms
        ):
            return NameMatch(score=100, rule="exact")
        return score_names(query, cand, self.is_distinctive)

    def search(
        self, query: str, *, kind: PartyKind | None = None, limit: int = 50
    ) -> list[ConflictHit]:
        """Return registry parties that may be the party named, best first.

        ``kind`` None means guess_kind(query). Only hits scoring at least MATCH_THRESHOLD are
        returned, one per party (the best of its name and aliases), sorted by score then name.
        The query is normalised once; each distinct registry name among the candidates is
        scored once, without explanation; only the returned hits are explained.
        """
        best, queries = self._best_per_party(query, kind, None)
        parties = self._parties
        ranked = sorted(
            best.items(),
            key=lambda item: (-item[1][0], parties[item[0]].name.casefold(), parties[item[0]].id),
        )
        return [
            self._explain(parties[party_index], queries[part], entry_id)
            for party_index, (_, part, entry_id) in ranked[: max(0, limit)]
        ]

    def score_party(
        self, query: str, party_index: int, *, kind: PartyKind | None = None
    ) -> ConflictHit | None:
        """The hit search() gives the party at this index if it is among the candidates.

        Every name of the party is scored directly, bypassing candidate retrieval and the
        cut of broad queries: for benchmarks and "why was this party not flagged?" checks.
        None when no name of the party reaches MATCH_THRESHOLD.
        """
        first = bisect.bisect_left(self._entry_party, party_index)
        last = bisect.bisect_right(self._entry_party, party_index)
        best, queries = self._best_per_party(query, kind, range(first, last))
        if party_index not in best:
            return None
        _, part, entry_id = best[party_index]
        return self._explain(self._parties[party_index], queries[part], entry_id)

    def _best_per_party(
        self, query: str, kind: PartyKind | None, entries: range | None
    ) -> tuple[dict[int, tuple[int, int, int]], list[tuple[str, NormalizedName, NormalizedName]]]:
        """Score the candidates (or the given entries) of every part of the query.

        Returns party index -> (best score, query part, entry) for scores >= MATCH_THRESHOLD,
        and the query parts (text, normalised, normalised as the other kind).
        """
        query = validate_query(query)
        parts = _name_parts(query, kind or guess_kind(query))
        best: dict[int, tuple[int, int, int]] = {}
        queries: list[tuple[str, NormalizedName, NormalizedName]] = []
        names = self._names
        entry_party = self._entry_party
        for text, part_kind, _ in parts:
            if kind is not None and len(parts) == 1:
                part_kind = kind
            normalized = normalize_name(text, part_kind)
            as_other_kind = normalize_name(text, _KIND_CODES[1 - _KIND_CODES.index(part_kind)])
            part = len(queries)
            queries.append((text, normalized, as_other_kind))
            by_profile: dict[tuple[tuple[int, ...], int], int] = {}
            kind_code = _KIND_CODES.index(part_kind)
            profiles = (
                _TokenProfiles(normalized.tokens, names.tokens)
                if person_profiles_apply(normalized)
                else None
            )
            candidates = self._candidates(normalized, as_other_kind) if entries is None else entries
            for entry_id in candidates:
                # Registry persons whose tokens relate to the query's in the same way score
                # the same (name_scoring.person_token_profile): score each such shape once.
                key = None
                score = None
                if (
                    profiles is not None
                    and names.kinds[entry_id] == kind_code
                    and entry_id not in names.hyphen_overflow
                ):
                    ids = names.token_ids[names.starts[entry_id] : names.starts[entry_id + 1]]
                    signature = tuple(map(profiles.__getitem__, ids))
                    if -1 not in signature:
                        key = (signature, names.hyphen_masks[entry_id])
                        score = by_profile.get(key)
                if score is None:
                    match = self._score_name(normalized, as_other_kind, entry_id)
                    score = 0 if match is None else match.score
                    if key is not None:
                        by_profile[key] = score
                if score < MATCH_THRESHOLD:
                    continue
                party_index = entry_party[entry_id]
                previous = best.get(party_index)
                if previous is None or score > previous[0]:
                    best[party_index] = (score, part, entry_id)
        return best, queries

    def _explain(
        self,
        party: RegistryParty,
        query: tuple[str, NormalizedName, NormalizedName],
        entry_id: int,
    ) -> ConflictHit:
        """Score one returned hit again, with its plain-English reason."""
        text, normalized, as_other_kind = query
        entry = self._entry_name(entry_id)
        cand = self._names.normalized(entry_id)
        if (
            cand.kind is not normalized.kind
            and as_other_kind.tokens == cand.tokens
            and as_other_kind.forms == cand.forms
        ):
            match: NameMatch | None = NameMatch(score=100, rule="exact")
            query_name = as_other_kind
        else:
            match = score_names(normalized, cand, self.is_distinctive, explain=True)
            query_name = normalized
        assert match is not None
        rule = match.rule
        if rule == "exact" and not _same_text(text, entry.text):
            rule = "normalized"
        return ConflictHit(
            party=party,
            score=match.score,
            rule=rule,
            reason=hit_reason(
                where=entry.where,
                rule=rule,
                detail=match.detail,
                query_text=text,
                registry_text=entry.text,
                query=query_name,
                registry=cand,
            ),
            matched_name=entry.text,
        )
