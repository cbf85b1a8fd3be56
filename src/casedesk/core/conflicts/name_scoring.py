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
    """The outcome of comparing two names: score 0..100, rule id and plain-English notes.

    ``detail`` is empty unless the comparison was asked to explain itself (``explain=True``):
    searches score thousands of names and explain only the hits they return.
    """

    score: int
    rule: str
    detail: str = ""


# A token pair: (query position, candidate position, match level). Plain tuples: this is the
# innermost loop of a search.
_Pair = tuple[int, int, TokenMatch]


def _join_particles(
    tokens: tuple[str, ...], other_tokens: tuple[str, ...], any_word: bool
) -> tuple[str, ...]:
    """Join adjacent tokens when the joined form is a token of the other name (o brien -> obrien)."""
    count = len(tokens)
    if count < 2:
        return tokens
    particles = rules_data.name_particles()
    if not any_word and not any(token in particles for token in tokens[:-1]):
        return tokens
    other = frozenset(other_tokens)
    if not any(
        tokens[i] + tokens[i + 1] in other
        or (i + 2 < count and tokens[i] + tokens[i + 1] + tokens[i + 2] in other)
        for i in range(count - 1)
    ):
        return tokens
    result: list[str] = []
    position = 0
    while position < count:
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
    query: tuple[str, ...], cand: tuple[str, ...], minimum: TokenMatch, organizations: bool
) -> list[_Pair]:
    """Pair tokens greedily, strongest match first, preferring tokens in the same position.

    Only levels >= ``minimum`` pair; organizations never pair on nicknames.
    """
    options: list[tuple[int, int, int, int, TokenMatch]] = []
    for i, left in enumerate(query[:MAX_ALIGNED_TOKENS]):
        for j, right in enumerate(cand[:MAX_ALIGNED_TOKENS]):
            level = compare_tokens(left, right)
            if level >= minimum and level and not (organizations and level == TokenMatch.NICKNAME):
                options.append((-level, abs(i - j), i, j, level))
    if len(options) > 1:
        options.sort()
    used_query: set[int] = set()
    used_cand: set[int] = set()
    pairs: list[_Pair] = []
    for _, _, i, j, level in options:
        if i not in used_query and j not in used_cand:
            used_query.add(i)
            used_cand.add(j)
            pairs.append((i, j, level))
    return pairs


def _title(token: str) -> str:
    return token.title() + ("." if len(token) == 1 else "")


def _nickname_note(left: str, right: str) -> str:
    """'nickname: Peggy is a form of Margaret' (or siblings: 'Bob and Rob are both forms of Robert')."""
    formals = rules_data.nickname_formals()
    if right in formals.get(left, ()):
        return f"nickname: {left.title()} is a form of {right.title()}"
    if left in formals.get(right, ()):
        return f"nickname: {right.title()} is a form of {left.title()}"
    common = sorted(formals.get(left, frozenset()) & formals.get(right, frozenset()))
    if common:
        return f"nickname: {left.title()} and {right.title()} are both forms of {common[0].title()}"
    return f"nickname: {left.title()} and {right.title()} are forms of the same name"


def _describe(
    pairs: list[_Pair], query: tuple[str, ...], cand: tuple[str, ...], *, person: bool
) -> list[str]:
    """Plain-English notes on every non-exact token pair (query spelling first)."""
    notes = []
    fuzzy = False
    for i, j, level in sorted(pairs):
        left, right = query[i], cand[j]
        if level == TokenMatch.NICKNAME:
            notes.append(_nickname_note(left, right))
        elif level == TokenMatch.TYPO:
            notes.append(f"likely typo: {left.title()} / {right.title()}")
        elif level == TokenMatch.PHONETIC:
            notes.append(f"sounds alike: {left.title()} / {right.title()}")
        elif level == TokenMatch.INITIAL:
            short, full = (left, right) if len(left) == 1 else (right, left)
            notes.append(f"initial: {short.upper()}. stands for {full.title()}")
        elif level == TokenMatch.UMLAUT:
            notes.append(f"spelling variant: {left.title()} / {right.title()}")
        else:
            continue
        fuzzy = True
    if person and fuzzy:
        for i, j, level in pairs:
            if level == TokenMatch.EXACT and i == len(query) - 1 and j == len(cand) - 1:
                notes.append(f"surname {cand[j].title()} matches")
    return notes


def _weakness_score(pairs: list[_Pair], cap: int) -> int:
    """Score from the weakest pair, lowered by 3 for each further non-exact pair."""
    levels = sorted(level for _, _, level in pairs)
    weakest = levels[0]
    if weakest >= TokenMatch.UMLAUT:
        return cap
    extra_weak = sum(1 for level in levels[1:] if level < TokenMatch.UMLAUT)
    return min(cap, weakest, cap - round((100 - weakest) * 0.6)) - 3 * extra_weak


def _in_order(pairs: list[_Pair]) -> bool:
    ordered = sorted(pairs)
    return all(a[1] < b[1] for a, b in zip(ordered, ordered[1:], strict=False))


def _weakest_rule(pairs: list[_Pair]) -> str:
    return RULE_OF_MATCH[min(level for _, _, level in pairs)]


def _person_extra_rule(name: NormalizedName, extras: set[int], matched: set[int]) -> str:
    """Say whether unmatched tokens of a person's name are middle names or surname parts."""
    last_matched = max(matched)
    for position in extras:
        is_initial = len(name.tokens[position]) == 1
        if not is_initial and (position > last_matched or position in name.hyphenated):
            return "surname-part"
    return "middle-name"


def _match(score: int, rule: str, notes: list[str] | None) -> NameMatch:
    return NameMatch(score=score, rule=rule, detail="; ".join(notes) if notes else "")


def score_persons(
    query: NormalizedName, cand: NormalizedName, *, explain: bool = False
) -> NameMatch | None:
    """Compare two person names: order, nicknames, initials, middle names, typos, phonetics."""
    q_tokens = _join_particles(query.tokens, cand.tokens, any_word=False)
    c_tokens = _join_particles(cand.tokens, q_tokens, any_word=False)
    joined = q_tokens != query.tokens or c_tokens != cand.tokens
    pairs = _align(q_tokens, c_tokens, TokenMatch.INITIAL, organizations=False)
    if not pairs:
        return None
    q_count, c_count = len(q_tokens), len(c_tokens)
    q_extra = set(range(q_count)).difference([p[0] for p in pairs])
    c_extra = set(range(c_count)).difference([p[1] for p in pairs])
    notes: list[str] | None = None
    if explain:
        notes = _describe(pairs, q_tokens, c_tokens, person=True)
        if joined:
            notes.append("a surname particle is written together or apart (O Brien / OBrien)")
    if q_count == 1 or c_count == 1:
        level = pairs[0][2]
        if q_extra or c_extra:
            if level < TokenMatch.UMLAUT or len(q_tokens[pairs[0][0]]) < 2:
                return None
            return _match(
                60,
                "token-subset",
                ["the one-word name is only part of the other name"] if explain else None,
            )
        return _match(_weakness_score(pairs, 100), _weakest_rule(pairs), notes)
    strong = [p for p in pairs if p[2] >= TokenMatch.PHONETIC and len(q_tokens[p[0]]) > 1]
    if len(pairs) < 2 or not strong:
        return None
    last_q, last_c = q_count - 1, c_count - 1
    if not any(p[0] == last_q or p[1] == last_c for p in strong):
        return None
    if not q_extra and not c_extra:
        if _in_order(pairs):
            score = _weakness_score(pairs, 100)
            rule = _weakest_rule(pairs)
            if joined and rule == "exact":
                score, rule = 98, "normalized"
            return _match(score, rule, notes)
        rule = _weakest_rule(pairs)
        if notes is not None:
            notes.append("the same names in a different order")
        return _match(
            _weakness_score(pairs, 96) - (0 if rule == "exact" else 2),
            "name-order" if rule == "exact" else rule,
            notes,
        )
    if not any(p[0] == 0 and p[1] == 0 for p in pairs):
        return None  # partial matches must agree on the first (given) name
    particles = rules_data.name_particles()
    q_extra = {i for i in q_extra if q_tokens[i] not in particles}
    c_extra = {j for j in c_extra if c_tokens[j] not in particles}
    if q_extra and c_extra:
        if len(q_extra) > 1 or len(c_extra) > 1:
            return None
        if notes is not None:
            [left], [right] = q_extra, c_extra
            notes.append(
                "first and last names match but the middle names differ "
                f"({_title(q_tokens[left])} / {_title(c_tokens[right])})"
            )
        return _match(min(62, _weakness_score(pairs, 62)), "middle-name", notes)
    if not q_extra and not c_extra:
        if notes is not None:
            notes.append("only a surname particle (de, van, O…) differs")
        return _match(_weakness_score(pairs, 90), "surname-part", notes)
    longer, extras = (query, q_extra) if q_extra else (cand, c_extra)
    longer_tokens = q_tokens if q_extra else c_tokens
    if len(extras) > 2:
        return None
    matched = {p[0] if q_extra else p[1] for p in pairs}
    rule = (
        _person_extra_rule(longer, extras, matched)
        if longer_tokens == longer.tokens
        else "middle-name"
    )
    cap = 85 if rule == "middle-name" else 80
    if notes is not None:
        side = "the name searched" if q_extra else "the registry name"
        words = " ".join(_title(longer_tokens[position]) for position in sorted(extras))
        if rule == "middle-name":
            what = "extra middle names or initials" if len(extras) > 1 else "an extra middle name"
            if len(extras) == 1 and len(longer_tokens[min(extras)]) == 1:
                what = "an extra middle initial"
        else:
            what = "extra names (a second surname)" if len(extras) > 1 else "an extra surname"
        notes.append(f'"{words}" {"are" if len(extras) > 1 else "is"} {what} in {side}')
    weakest = _weakest_rule(pairs)
    if weakest not in {"exact", "normalized"}:
        rule = weakest
    return _match(_weakness_score(pairs, cap), rule, notes)


def person_profiles_apply(query: NormalizedName) -> bool:
    """Whether person_token_profile() may stand in for the registry tokens (no particles)."""
    particles = rules_data.name_particles()
    return query.kind is PartyKind.PERSON and not any(token in particles for token in query.tokens)


def person_token_profile(query_tokens: tuple[str, ...], token: str) -> tuple[int, ...] | None:
    """How one registry token relates to each query token, as far as score_persons() can tell.

    score_persons(query, cand) and the exact check of score_names() see a registry person's
    tokens only through their match levels against the query tokens and whether they are
    initials; so two registry names with the same profiles (in order) and the same hyphenated
    positions get the same score and rule. That lets a broad search score "Anna Johnson",
    "Alice Johnson", ... once for "A. Johnson". Not valid when either name holds a surname
    particle (particles are joined by comparing the text itself): None for particles, and
    see person_profiles_apply() for the query.
    """
    if token in rules_data.name_particles():
        return None
    return (len(token) == 1, *(compare_tokens(left, token) for left in query_tokens))


def score_organizations(
    query: NormalizedName,
    cand: NormalizedName,
    is_distinctive: Callable[[str], bool],
    *,
    explain: bool = False,
) -> NameMatch | None:
    """Compare two organization names: legal forms, word order, typos, contained names.

    Legal forms are not described here (the caller words them with the original spelling).
    """
    q_tokens = _join_particles(query.tokens, cand.tokens, any_word=True)
    c_tokens = _join_particles(cand.tokens, q_tokens, any_word=True)
    joined = q_tokens != query.tokens or c_tokens != cand.tokens
    pairs = [
        p
        for p in _align(q_tokens, c_tokens, TokenMatch.TYPO, organizations=True)
        if p[2] >= TokenMatch.UMLAUT or len(q_tokens[p[0]]) > 1
    ]
    if not pairs:
        return None
    q_extra = len(q_tokens) - len(pairs)
    c_extra = len(c_tokens) - len(pairs)
    notes: list[str] | None = None
    if explain:
        notes = _describe(pairs, q_tokens, c_tokens, person=False)
        if joined:
            notes.append("words written together or apart")
    if not q_extra and not c_extra:
        score = _weakness_score(pairs, 100)
        rule = _weakest_rule(pairs)
        if not _in_order(pairs):
            score, rule = min(score, 94), "name-order" if rule == "exact" else rule
            if notes is not None:
                notes.append("the same words in a different order")
        if joined and rule == "exact":
            score, rule = 98, "normalized"
        if query.forms != cand.forms:
            cap = 97 if not (query.forms and cand.forms) else 93
            if rule in {"exact", "normalized"}:
                rule = "corporate-form"
            score = min(score, cap)
        return _match(score, rule, notes)
    if (
        (not q_extra or not c_extra)
        and len(pairs) >= 2
        and any(p[2] >= TokenMatch.UMLAUT for p in pairs)
    ):
        if notes is not None:
            shorter = "the name searched" if not q_extra else "the registry name"
            notes.append(f"every word of {shorter} appears in the other name")
        return _match(_weakness_score(pairs, 75), "token-subset", notes)
    first = q_tokens[0]
    if c_tokens[0] == first and is_distinctive(first):
        score = 60 if len(q_tokens) == 1 or len(c_tokens) == 1 else 55
        return _match(
            score,
            "shared-first-word",
            [
                f'only the distinctive first word "{first.title()}" is shared '
                "(possibly a related company)"
            ]
            if explain
            else None,
        )
    return None


def score_across_kinds(
    person: NormalizedName, organization: NormalizedName, *, explain: bool = False
) -> NameMatch | None:
    """An organization named exactly like a person (John Smith LLC ~ John Smith) is a weak hit."""
    if len(person.tokens) < 2 or len(person.tokens) != len(organization.tokens):
        return None
    pairs = _align(person.tokens, organization.tokens, TokenMatch.UMLAUT, organizations=False)
    if len(pairs) != len(person.tokens):
        return None
    return _match(
        75,
        "person-organization",
        ["an organization carries the full name of the person"] if explain else None,
    )


def score_names(
    query: NormalizedName,
    cand: NormalizedName,
    is_distinctive: Callable[[str], bool],
    *,
    explain: bool = False,
) -> NameMatch | None:
    """Dispatch to the right comparison for the kinds of the two names.

    With ``explain`` the match carries plain-English notes in ``detail``; without, only the
    score and rule (the fast path used to score every candidate).
    """
    if query.kind is cand.kind and query.tokens == cand.tokens and query.forms == cand.forms:
        return NameMatch(score=100, rule="exact")
    if query.kind is PartyKind.PERSON and cand.kind is PartyKind.PERSON:
        return score_persons(query, cand, explain=explain)
    if query.kind is PartyKind.ORGANIZATION and cand.kind is PartyKind.ORGANIZATION:
        return score_organizations(query, cand, is_distinctive, explain=explain)
    if query.kind is PartyKind.PERSON:
        return score_across_kinds(query, cand, explain=explain)
    return score_across_kinds(cand, query, explain=explain)
