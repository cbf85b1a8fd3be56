"""Words a hit's reason for a legal secretary: which registry name matched, and how, plainly.

Examples: 'Same name as "Acme Holdings, Inc.", ignoring punctuation and how the legal form is
written (Inc. / Incorporated)'; 'Matches alias "Peggy Walsh" — nickname: Peggy is a form of
Margaret; surname Walsh matches'; 'Matches "Smith, John" — likely typo: Smtih / Smith'.
Only the hits a search returns are explained, so none of this is on the scoring path.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from casedesk.core.conflicts import rules_data
from casedesk.core.conflicts.model import PartyKind
from casedesk.core.conflicts.normalize import NormalizedName, fold_text, normalize_organization

_WORD = re.compile(r"[^\W_]+")
_PUNCTUATION = re.compile(r"[\w\s]+")
_MAX_FORM_WORDS = 6
# Rules where the names share only some words: their legal forms are not compared.
_PARTIAL_RULES = frozenset({"shared-first-word", "token-subset", "person-organization"})


@lru_cache(maxsize=8192)
def legal_form_text(name: str) -> str:
    """The legal form as written at the end of an organization name ("Inc.", "L.L.C."), or ""."""
    full = normalize_organization(name)
    if not full.forms:
        return ""
    words = name.split()
    for count in range(min(len(words) - 1, _MAX_FORM_WORDS), 0, -1):
        rest = normalize_organization(" ".join(words[:-count]))
        if rest.tokens == full.tokens and not rest.forms:
            return " ".join(words[-count:]).strip(" ,()")
    return "/".join(sorted(form.upper() for form in full.forms))


def _join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_text(text).replace("'", "").replace("\u2019", ""))


def _ignored(
    query_text: str, registry_text: str, query: NormalizedName, registry: NormalizedName
) -> list[str]:
    """What normalisation set aside between the two spellings (accents, titles, "The"...)."""
    items: list[str] = []
    texts = (query_text, registry_text)
    casefolded = [unicodedata.normalize("NFKC", text).casefold() for text in texts]
    folded = [fold_text(text) for text in texts]
    if folded != casefolded:
        items.append("accents")
    persons = query.kind is PartyKind.PERSON and registry.kind is PartyKind.PERSON
    comma_order = persons and ("," in query_text) != ("," in registry_text)
    ignored_marks = "&," if comma_order else "&"
    marks = [
        _PUNCTUATION.sub("", text.translate({ord(c): None for c in ignored_marks}))
        for text in folded
    ]
    if marks[0] != marks[1]:
        items.append("punctuation")
    words = [_words(text) for text in texts]
    if persons:
        droppable = rules_data.honorifics() | rules_data.suffixes()
        dropped = sorted(
            {
                word
                for side, name in zip(words, (query, registry), strict=True)
                for word in side
                if word in droppable and word not in name.tokens
            }
        )
        if dropped:
            shown = ", ".join(word.title() + ("." if len(word) <= 3 else "") for word in dropped)
            items.append(f"the title{'s' if len(dropped) > 1 else ''} {shown}")
        if comma_order:
            items.append('the "Last, First" order')
    else:
        if ("the" in words[0]) != ("the" in words[1]):
            items.append('a leading "The"')
        if ("&" in query_text) != ("&" in registry_text):
            items.append('"&" written as "and"')
        abbreviations = rules_data.organization_abbreviations()
        differing = set(words[0]).symmetric_difference(words[1])
        expanded = sorted(
            f"{word.title()} = {abbreviations[word].title()}"
            for word in differing
            if word in abbreviations
        )
        if expanded:
            items.append(f"abbreviations ({', '.join(expanded)})")
        if query.forms and query.forms == registry.forms:
            written = (legal_form_text(query_text), legal_form_text(registry_text))
            if written[0].casefold().replace(".", "") != written[1].casefold().replace(".", ""):
                items.append(f"how the legal form is written ({written[0]} / {written[1]})")
    if not items and query_text != registry_text:
        items.append("capital letters and spacing")
    return items


def _legal_form_difference(
    query_text: str, registry_text: str, query: NormalizedName, registry: NormalizedName
) -> str:
    """'the legal form (Inc. / LLC)', or which side lacks one; '' when the forms agree."""
    if query.kind is not PartyKind.ORGANIZATION or registry.kind is not PartyKind.ORGANIZATION:
        return ""
    if query.forms == registry.forms:
        return ""
    searched, registered = legal_form_text(query_text), legal_form_text(registry_text)
    if searched and registered:
        return f"the legal form ({searched} / {registered})"
    if registered:
        return f"the legal form {registered} in the registry name"
    return f"the legal form {searched} in the name searched"


def hit_reason(
    *,
    where: str,
    rule: str,
    detail: str,
    query_text: str,
    registry_text: str,
    query: NormalizedName,
    registry: NormalizedName,
) -> str:
    """The reason shown to the user for one hit (no trailing period: callers may append)."""
    if rule == "exact":
        return f"Same name as {where}"
    form = ""
    if rule not in _PARTIAL_RULES:
        form = _legal_form_difference(query_text, registry_text, query, registry)
    if rule in {"normalized", "corporate-form"}:
        ignored = [
            item
            for item in _ignored(query_text, registry_text, query, registry)
            if not (form and item == "capital letters and spacing")
        ]
        reason = f"Same name as {where}"
        if form:
            reason += f" apart from {form}"
        if ignored:
            reason += f", ignoring {_join(ignored)}"
        return f"{reason} — {detail}" if detail else reason
    verb = "Possibly related to" if rule == "shared-first-word" else "Matches"
    notes = [detail] if detail else []
    if form:
        notes.append(f"different legal form: {form.removeprefix('the legal form ')}")
    return f"{verb} {where} — {'; '.join(notes)}" if notes else f"{verb} {where}"
