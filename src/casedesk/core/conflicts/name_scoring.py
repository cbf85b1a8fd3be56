"""Scores one normalised query name against one normalised registry name.

Rule ids and their scores (a hit's score is the score of its weakest link, lowered a little
for every further weak link; see docs/decisions/0001-conflict-matcher.md):

===================== ===== ==========================================================
rule                  score meaning
===================== ===== ==========================================================
exact                 100   same tokens in the same order after normalisation
normalized            98-99 same after umlaut spelling / joined particles (O Brien)
corporate-form        93-97 same organization name, legal form differs or is missing
name-order            94-96 same tokens, different order (Smith John)
nickname              90    a given name is a nickname of the other (Bob = Robert)
typo                  87    same first letter, edit distance 1 (2 for 10+ letters)
phonetic              84    a token sounds alike (Steven = Stephen)
middle-name           ~85   one name has an extra middle name or initial
surname-part          ~80   one name has an extra surname part (Garcia ~ Garcia Lopez)
token-subset          ~75   organization name contained in a longer one (2+ words)
person-organization   75    an organization named exactly like a person (John Smith LLC)
initial               ~72   an initial stands for a given name (J. Smith = John Smith)
middle-name (differ)  62    first and last names match, middle names differ
shared-first-word     55-60 organizations share only a distinctive first word
===================== ===== ==========================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from casedesk.core.conflicts import rules_data
from casedesk.core.conflicts.model import PartyKind
from casedesk.core.conflicts.normalize import NormalizedName
from casedesk.core.conflicts.token_similarity import RULE_OF_MATCH, TokenMatch, compare_tokens

MATCH_THRESHOLD = 50
MAX_ALIGNED_TOKENS = 12


@dataclass(frozen=True, slots=True, kw_only=True)
class NameMatch:
    """The outcome of comparing two names: score 0..100, rule id and plain-English detail."""

    score: int
    rule: str
    detail: str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Pair:
    query_pos: int
    cand_pos: int
    level: TokenMatch


def _join_particles(
    tokens: tuple[str, ...], other: frozenset[str], any_word: bool
) -> tuple[str, ...]:
    """Join adjacent tokens when the joined form is a token of the other name (o brien -> obrien)."""
    if len(tokens) < 2:
        return tokens
    particles = rules_data.name_particles()
    result: list[str] = []
    position = 0
    while position < len(tokens):
        joined = False
        for width in (3, 2):
            run = tokens[position : position + width]
            candidate = "".join(run)
            if (
                len(run) == width
                and candidate in other
                and candidate not in tokens
                and (any_word or all(token in particles for token in run[:-1]))
            ):
                result.append(candidate)
                position += width
                joined = True
                break
        if not joined:
            result.append(tokens[position])
            position += 1
    return tuple(result)


def _align(
    query: tuple[str, ...], cand: tuple[str, ...], allowed: Callable[[TokenMatch], bool]
) -> list[_Pair]:
    """Pair tokens greedily, strongest match first, preferring tokens in the same position."""
    options: list[tuple[int, int, int, int]] = []
    for i, left in enumerate(query[:MAX_ALIGNED_TOKENS]):
        for j, right in enumerate(cand[:MAX_ALIGNED_TOKENS]):
            level = compare_tokens(left, right)
            if level is not TokenMatch.NONE and allowed(level):
                options.append((-int(level), abs(i - j), i, j))
    options.sort()
    used_query: set[int] = set()
    used_cand: set[int] = set()
    pairs: list[_Pair] = []
    for negative_level, _, i, j in options:
        if i not in used_query and j not in used_cand:
            used_query.add(i)
            used_cand.add(j)
            pairs.append(_Pair(query_pos=i, cand_pos=j, level=TokenMatch(-negative_level)))
    return pairs


def _describe(pairs: list[_Pair], query: tuple[str, ...], cand: tuple[str, ...]) -> list[str]:
    """Plain-English notes on every non-exact token pair."""
    notes = []
    for pair in sorted(pairs, key=lambda p: p.query_pos):
        left, right = query[pair.query_pos].title(), cand[pair.cand_pos].title()
        if pair.level is TokenMatch.NICKNAME:
            notes.append(f"nickname {left} = {right}")
        elif pair.level is TokenMatch.TYPO:
            notes.append(f"spelling {left} ~ {right}")
        elif pair.level is TokenMatch.PHONETIC:
            notes.append(f"sounds alike {left} ~ {right}")
        elif pair.level is TokenMatch.INITIAL:
            short, full = (left, right) if len(left) == 1 else (right, left)
            notes.append(f"initial {short}. = {full}")
        elif pair.level is TokenMatch.UMLAUT:
            notes.append(f"spelling variant {left} = {right}")
    return notes


def _weakness_score(pairs: list[_Pair], cap: int) -> int:
    """Score from the weakest pair, lowered by 3 for each further non-exact pair."""
    levels = sorted(int(pair.level) for pair in pairs)
    weakest = levels[0]
    extra_weak = sum(1 for level in levels[1:] if level < TokenMatch.UMLAUT)
    if weakest >= TokenMatch.UMLAUT:
        return cap
    return min(cap, weakest, cap - round((100 - weakest) * 0.6)) - 3 * extra_weak


def _in_order(pairs: list[_Pair]) -> bool:
    ordered = sorted(pairs, key=lambda p: p.query_pos)
    return all(a.cand_pos < b.cand_pos for a, b in zip(ordered, ordered[1:], strict=False))


def _weakest_rule(pairs: list[_Pair]) -> str:
    return RULE_OF_MATCH[min(pair.level for pair in pairs)]


def _person_extra_rule(name: NormalizedName, extras: set[int], matched: set[int]) -> str:
    """Say whether unmatched tokens of a person's name are middle names or surname parts."""
    last_matched = max(matched)
    for position in extras:
        is_initial = len(name.tokens[position]) == 1
        if not is_initial and (position > last_matched or position in name.hyphenated):
            return "surname-part"
    return "middle-name"


def score_persons(query: NormalizedName, cand: NormalizedName) -> NameMatch | None:
    """Compare two person names: order, nicknames, initials, middle names, typos, phonetics."""
    q_tokens = _join_particles(query.tokens, frozenset(cand.tokens), any_word=False)
    c_tokens = _join_particles(cand.tokens, frozenset(q_tokens), any_word=False)
    joined = q_tokens != query.tokens or c_tokens != cand.tokens
    pairs = _align(q_tokens, c_tokens, lambda level: True)
    if not pairs:
        return None
    q_extra = set(range(len(q_tokens))) - {p.query_pos for p in pairs}
    c_extra = set(range(len(c_tokens))) - {p.cand_pos for p in pairs}
    notes = _describe(pairs, q_tokens, c_tokens)
    if joined:
        notes.append("particles joined (e.g. O Brien = OBrien)")
    if len(q_tokens) == 1 or len(c_tokens) == 1:
        level = pairs[0].level
        if q_extra or c_extra:
            if level < TokenMatch.UMLAUT or len(q_tokens[pairs[0].query_pos]) < 2:
                return None
            return NameMatch(
                score=60,
                rule="token-subset",
                detail="one-word name matches a part of the other name",
            )
        score = _weakness_score(pairs, 100)
        return NameMatch(
            score=score, rule=_weakest_rule(pairs), detail="; ".join(notes) or "same name"
        )
    strong = [p for p in pairs if p.level >= TokenMatch.PHONETIC and len(q_tokens[p.query_pos]) > 1]
    if len(pairs) < 2 or not strong:
        return None
    last_q, last_c = len(q_tokens) - 1, len(c_tokens) - 1
    if not any(p.query_pos == last_q or p.cand_pos == last_c for p in strong):
        return None
    if not q_extra and not c_extra:
        if _in_order(pairs):
            score = _weakness_score(pairs, 100)
            rule = _weakest_rule(pairs)
            if joined and rule == "exact":
                score, rule = 98, "normalized"
            return NameMatch(score=score, rule=rule, detail="; ".join(notes) or "same name")
        rule = _weakest_rule(pairs)
        notes.append("names in a different order")
        return NameMatch(
            score=_weakness_score(pairs, 96) - (0 if rule == "exact" else 2),
            rule="name-order" if rule == "exact" else rule,
            detail="; ".join(notes),
        )
    if not any(p.query_pos == 0 and p.cand_pos == 0 for p in pairs):
        return None  # partial matches must agree on the first (given) name
    particles = rules_data.name_particles()
    q_extra = {i for i in q_extra if q_tokens[i] not in particles}
    c_extra = {j for j in c_extra if c_tokens[j] not in particles}
    if q_extra and c_extra:
        if len(q_extra) > 1 or len(c_extra) > 1:
            return None
        notes.append("first and last names match but middle names differ")
        return NameMatch(
            score=min(62, _weakness_score(pairs, 62)), rule="middle-name", detail="; ".join(notes)
        )
    if not q_extra and not c_extra:
        return NameMatch(
            score=_weakness_score(pairs, 90),
            rule="surname-part",
            detail="; ".join(notes + ["surname particles differ"]),
        )
    longer, extras = (query, q_extra) if q_extra else (cand, c_extra)
    longer_tokens = q_tokens if q_extra else c_tokens
    if len(extras) > 2:
        return None
    matched = {p.query_pos if q_extra else p.cand_pos for p in pairs}
    rule = (
        _person_extra_rule(longer, extras, matched)
        if longer_tokens == longer.tokens
        else "middle-name"
    )
    side = "the name searched" if q_extra else "the registry name"
    extra_words = ", ".join(longer_tokens[position].title() for position in sorted(extras))
    if rule == "middle-name":
        notes.append(f"{side} has an extra middle name or initial ({extra_words})")
        cap = 85
    else:
        notes.append(f"{side} has an extra surname part ({extra_words})")
        cap = 80
    weakest = _weakest_rule(pairs)
    if weakest not in {"exact", "normalized"}:
        rule = weakest
    return NameMatch(score=_weakness_score(pairs, cap), rule=rule, detail="; ".join(notes))


def _org_level_allowed(level: TokenMatch) -> bool:
    return level >= TokenMatch.TYPO and level is not TokenMatch.NICKNAME


def score_organizations(
    query: NormalizedName, cand: NormalizedName, is_distinctive: Callable[[str], bool]
) -> NameMatch | None:
    """Compare two organization names: legal forms, word order, typos, contained names."""
    q_tokens = _join_particles(query.tokens, frozenset(cand.tokens), any_word=True)
    c_tokens = _join_particles(cand.tokens, frozenset(q_tokens), any_word=True)
    joined = q_tokens != query.tokens or c_tokens != cand.tokens
    pairs = _align(q_tokens, c_tokens, _org_level_allowed)
    pairs = [p for p in pairs if p.level >= TokenMatch.UMLAUT or len(q_tokens[p.query_pos]) > 1]
    if not pairs:
        return None
    q_extra = len(q_tokens) - len(pairs)
    c_extra = len(c_tokens) - len(pairs)
    notes = _describe(pairs, q_tokens, c_tokens)
    if joined:
        notes.append("words written together or apart")
    if not q_extra and not c_extra:
        score = _weakness_score(pairs, 100)
        rule = _weakest_rule(pairs)
        if not _in_order(pairs):
            score, rule = min(score, 94), "name-order" if rule == "exact" else rule
            notes.append("words in a different order")
        if joined and rule == "exact":
            score, rule = 98, "normalized"
        if query.forms != cand.forms:
            cap = 97 if not (query.forms and cand.forms) else 93
            if rule in {"exact", "normalized"}:
                rule = "corporate-form"
            score = min(score, cap)
            left = ", ".join(sorted(query.forms)) or "none"
            right = ", ".join(sorted(cand.forms)) or "none"
            notes.append(f"legal form differs ({left} vs {right})")
        return NameMatch(score=score, rule=rule, detail="; ".join(notes) or "same name")
    if (
        (not q_extra or not c_extra)
        and len(pairs) >= 2
        and any(p.level >= TokenMatch.UMLAUT for p in pairs)
    ):
        notes.append("one name contains all the words of the other")
        return NameMatch(
            score=_weakness_score(pairs, 75), rule="token-subset", detail="; ".join(notes)
        )
    first = q_tokens[0]
    if c_tokens[0] == first and is_distinctive(first):
        score = 60 if len(q_tokens) == 1 or len(c_tokens) == 1 else 55
        return NameMatch(
            score=score,
            rule="shared-first-word",
            detail=f'shares the distinctive first word "{first.title()}" (possibly related company)',
        )
    return None


def score_across_kinds(person: NormalizedName, organization: NormalizedName) -> NameMatch | None:
    """An organization named exactly like a person (John Smith LLC ~ John Smith) is a weak hit."""
    if len(person.tokens) < 2 or len(person.tokens) != len(organization.tokens):
        return None
    pairs = _align(person.tokens, organization.tokens, lambda level: level >= TokenMatch.UMLAUT)
    if len(pairs) != len(person.tokens):
        return None
    return NameMatch(
        score=75,
        rule="person-organization",
        detail="an organization carries the full name of the person",
    )


def score_names(
    query: NormalizedName, cand: NormalizedName, is_distinctive: Callable[[str], bool]
) -> NameMatch | None:
    """Dispatch to the right comparison for the kinds of the two names."""
    if query.kind is cand.kind and query.key == cand.key and query.forms == cand.forms:
        return NameMatch(score=100, rule="exact", detail="same name after normalisation")
    if query.kind is PartyKind.PERSON and cand.kind is PartyKind.PERSON:
        return score_persons(query, cand)
    if query.kind is PartyKind.ORGANIZATION and cand.kind is PartyKind.ORGANIZATION:
        return score_organizations(query, cand, is_distinctive)
    if query.kind is PartyKind.PERSON:
        return score_across_kinds(query, cand)
    return score_across_kinds(cand, query)
