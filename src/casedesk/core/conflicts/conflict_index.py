"""ConflictIndex: the registry of parties, indexed once, searched for possible conflicts."""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from casedesk.core.conflicts import rules_data
from casedesk.core.conflicts.candidate_index import (
    TokenVocabulary,
    candidate_entries,
    joined_token_groups,
)
from casedesk.core.conflicts.model import ConflictHit, PartyKind, RegistryParty
from casedesk.core.conflicts.name_scoring import MATCH_THRESHOLD, NameMatch, score_names
from casedesk.core.conflicts.normalize import (
    MAX_NAME_LENGTH,
    guess_kind,
    normalize_name,
    normalize_organization,
    normalize_person,
    split_alternate_names,
)

DISTINCTIVE_MAX_ENTRIES = 200
MAX_SCORED_CANDIDATES = 3000
_PART_BITS = 4
_KIND_CODES = (PartyKind.PERSON, PartyKind.ORGANIZATION)


@dataclass(frozen=True, slots=True, kw_only=True)
class _EntryName:
    """One searchable name of a party: its main name, an alias, or a d/b/a part of either."""

    text: str
    kind: PartyKind
    where: str


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


class ConflictIndex:
    """Searchable index of registry parties; build() once, search() many times."""

    def __init__(
        self,
        parties: list[RegistryParty],
        entry_party: array[int],
        entry_variant: array[int],
        entry_kind: bytearray,
        vocabulary: TokenVocabulary,
    ) -> None:
        """Use ConflictIndex.build(); this constructor takes the prepared structures."""
        self._parties = parties
        self._entry_party = entry_party
        self._entry_variant = entry_variant
        self._entry_kind = entry_kind
        self._vocabulary = vocabulary

    @classmethod
    def build(cls, parties: Iterable[RegistryParty]) -> ConflictIndex:
        """Normalise every name and alias of every party and build the candidate indexes."""
        party_list = list(parties)
        entry_party: array[int] = array("I")
        entry_variant: array[int] = array("I")
        entry_kind = bytearray()
        vocabulary = TokenVocabulary.empty()
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
                    vocabulary.add_entry(len(entry_party), normalized.tokens)
                    entry_party.append(party_index)
                    entry_variant.append((alias_index << _PART_BITS) | part_index)
                    entry_kind.append(_KIND_CODES.index(kind))
        vocabulary.finish()
        return cls(party_list, entry_party, entry_variant, entry_kind, vocabulary)

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
        if label and alias_index:
            where = f'{"trade name" if label == "d/b/a" else "other name"} "{text}" ({label} in alias "{name}")'
        elif label:
            where = f'{"trade name" if label == "d/b/a" else "other name"} "{text}" ({label} in "{name}")'
        elif alias_index:
            where = f'alias "{text}"'
        else:
            where = f'name "{text}"'
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

    def _candidates(self, text: str, kind: PartyKind) -> set[int]:
        """Entries worth scoring for one query name."""
        normalized = normalize_name(text, kind)
        person = kind is PartyKind.PERSON
        extra = joined_token_groups(self._vocabulary, normalized.tokens)
        found = candidate_entries(
            self._vocabulary, normalized.tokens, person=person, extra_groups=extra
        )
        if not person and normalized.tokens and self.is_distinctive(normalized.tokens[0]):
            token_id = self._vocabulary.ids.get(normalized.tokens[0])
            if token_id is not None:
                found.update(self._vocabulary.postings[token_id])
        other_kind = _KIND_CODES[1 - _KIND_CODES.index(kind)]
        other = normalize_name(text, other_kind)
        if other.tokens and other.tokens != normalized.tokens:
            # The same text read as the other kind (a registry name filed under the other
            # kind must still match itself exactly).
            found |= candidate_entries(self._vocabulary, other.tokens, person=False)
        if len(found) > MAX_SCORED_CANDIDATES:
            # Very broad queries (one common word): same-kind names first, main names before
            # aliases, then cut (documented in docs/decisions/0001-conflict-matcher.md).
            code = _KIND_CODES.index(kind)
            ranked = sorted(
                found,
                key=lambda entry: (
                    self._entry_kind[entry] != code,
                    self._entry_variant[entry],
                    entry,
                ),
            )
            return set(ranked[:MAX_SCORED_CANDIDATES])
        return found

    def _score_entry(self, text: str, kind: PartyKind, entry: _EntryName) -> NameMatch | None:
        """Score one indexed name against one query name (kinds may differ)."""
        cand = normalize_name(entry.text, entry.kind)
        if entry.kind is not kind:
            as_same_kind = normalize_name(text, entry.kind)
            if as_same_kind.key == cand.key and as_same_kind.forms == cand.forms:
                return NameMatch(score=100, rule="exact", detail="same name")
        match = score_names(normalize_name(text, kind), cand, self.is_distinctive)
        if match is not None and match.rule == "exact" and not _same_text(text, entry.text):
            match = NameMatch(score=match.score, rule="normalized", detail=match.detail)
        return match

    def search(
        self, query: str, *, kind: PartyKind | None = None, limit: int = 50
    ) -> list[ConflictHit]:
        """Return registry parties that may be the party named, best first.

        ``kind`` None means guess_kind(query). Only hits scoring at least MATCH_THRESHOLD are
        returned, one per party (the best of its name and aliases), sorted by score then name.
        """
        query = validate_query(query)
        best: dict[int, tuple[NameMatch, _EntryName]] = {}
        for text, part_kind, _ in _name_parts(query, kind or guess_kind(query)):
            if kind is not None and len(split_alternate_names(query)) == 1:
                part_kind = kind
            for entry_id in self._candidates(text, part_kind):
                entry = self._entry_name(entry_id)
                match = self._score_entry(text, part_kind, entry)
                if match is None or match.score < MATCH_THRESHOLD:
                    continue
                party_index = self._entry_party[entry_id]
                previous = best.get(party_index)
                if previous is None or match.score > previous[0].score:
                    best[party_index] = (match, entry)
        hits = [
            ConflictHit(
                party=self._parties[party_index],
                score=match.score,
                rule=match.rule,
                reason=f"{entry.where}: {match.rule.replace('-', ' ')} ({match.score}); {match.detail}",
                matched_name=entry.text,
            )
            for party_index, (match, entry) in best.items()
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.party.name.casefold(), hit.party.id))
        return hits[: max(0, limit)]
