"""Search API behaviour and property-based invariants (Hypothesis)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.core.conflicts import ConflictIndex, PartyKind, RegistryParty
from tests.core.conflicts.probe_evaluation import REGISTRY_PATH


def _index() -> ConflictIndex:
    from casedesk.core.conflicts import load_registry_csv

    return ConflictIndex.build(load_registry_csv(REGISTRY_PATH))


INDEX = _index()


def _summary(query: str, kind: PartyKind | None = None) -> list[tuple[str, int]]:
    return [(hit.party.id, hit.score) for hit in INDEX.search(query, kind=kind)]


def test_len_counts_parties() -> None:
    assert len(INDEX) == 80


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_is_rejected(query: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        INDEX.search(query)


def test_over_long_query_is_rejected() -> None:
    with pytest.raises(ValueError, match="500"):
        INDEX.search("a" * 501)


def test_punctuation_only_query_matches_nothing() -> None:
    assert INDEX.search("!!! ...") == []


def test_reason_names_the_alias_and_rule() -> None:
    [hit] = INDEX.search("Peggy Whitley", kind=PartyKind.PERSON)
    assert hit.party.id == "P001"
    assert hit.matched_name == "Peggy Olsen-Whitley"
    assert 'alias "Peggy Olsen-Whitley"' in hit.reason
    assert hit.rule == "surname-part"


def test_nickname_reason() -> None:
    [hit] = INDEX.search("Bob Kinsley")
    assert hit.rule == "nickname" and "Bob is a form of Robert" in hit.reason


def test_person_is_not_company_on_shared_surname() -> None:
    ids = {hit.party.id for hit in INDEX.search("Walter Bellamy")}
    assert ids == {"P021"}
    assert "P021" not in {
        hit.party.id for hit in INDEX.search("Bellamy", kind=PartyKind.ORGANIZATION)
    }


def test_company_named_like_person_is_weaker_hit() -> None:
    hits = {hit.party.id: hit for hit in INDEX.search("Marcus Thompson", kind=PartyKind.PERSON)}
    assert hits["P043"].score == 100
    assert hits["O017"].score < 100 and hits["O017"].rule == "person-organization"


def test_hits_sorted_and_limited() -> None:
    hits = INDEX.search("Smith", kind=PartyKind.PERSON, limit=1)
    assert len(hits) <= 1
    hits = INDEX.search("Maria Garcia")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_one_hit_per_party() -> None:
    ids = [hit.party.id for hit in INDEX.search("Ben Hartigan")]
    assert ids.count("P048") == 1


NAMES = st.sampled_from(
    [
        "Margaret Olsen",
        "Robert Kinsley",
        "José Hernández Ruiz",
        "Nguyễn Văn Thành",
        "Patrick O'Donnell",
        "Jürgen Müller",
        "Katherine Vandermeer",
        "Ana Smith-Jones",
        "Đặng Thị Hoa",
        "Peggy Olsen",
    ]
)
ORG_NAMES = st.sampled_from(
    ["Acme Bakery Supply", "Veridian Systems", "Bellamy Motor", "Blue Heron Logistics"]
)


@given(name=NAMES, data=st.data())
def test_invariant_under_case(name: str, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    varied = "".join(c.upper() if flip else c.lower() for c, flip in zip(name, flips, strict=True))
    assert _summary(varied, PartyKind.PERSON) == _summary(name, PartyKind.PERSON)


@given(name=NAMES)
def test_invariant_under_nfc_nfd(name: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert _summary(nfd, PartyKind.PERSON) == _summary(nfc, PartyKind.PERSON)


@given(
    name=ORG_NAMES,
    forms=st.sampled_from(
        [
            ("Inc.", "Incorporated"),
            ("Corp.", "Corporation"),
            ("Co.", "Company"),
            ("Ltd.", "Limited"),
        ]
    ),
)
def test_invariant_under_corporate_form_spelling(name: str, forms: tuple[str, str]) -> None:
    assert _summary(f"{name} {forms[0]}") == _summary(f"{name} {forms[1]}")


@given(name=NAMES)
def test_invariant_under_comma_name_order(name: str) -> None:
    *given_names, surname = name.split()
    assert _summary(f"{surname}, {' '.join(given_names)}", PartyKind.PERSON) == _summary(
        name, PartyKind.PERSON
    )


@given(
    name=NAMES,
    spaces=st.lists(st.sampled_from([" ", "  ", "\t", " \u00a0"]), min_size=4, max_size=4),
)
def test_invariant_under_extra_whitespace(name: str, spaces: list[str]) -> None:
    padded = spaces[0] + name.replace(" ", spaces[1]) + spaces[2]
    assert _summary(padded, PartyKind.PERSON) == _summary(name, PartyKind.PERSON)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=500))
def test_search_never_raises_except_for_empty(text: str) -> None:
    if not text.strip():
        with pytest.raises(ValueError):
            INDEX.search(text)
        return
    for kind in (None, PartyKind.PERSON, PartyKind.ORGANIZATION):
        for hit in INDEX.search(text, kind=kind):
            assert 0 <= hit.score <= 100


NAME_TEXT = st.text(
    alphabet=st.characters(categories=["L", "Nd", "Zs", "Pd", "Po"]), min_size=1, max_size=80
).filter(lambda text: any(ch.isalnum() for ch in text))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=NAME_TEXT,
    kind=st.sampled_from(list(PartyKind)),
    query_kind=st.sampled_from([None, *PartyKind]),
)
def test_exact_name_scores_100_and_ranks_first(
    name: str, kind: PartyKind, query_kind: PartyKind | None
) -> None:
    party = RegistryParty(id="X1", name=name, kind=kind, role="client")
    index = ConflictIndex.build([*INDEX._parties, party])
    hits = index.search(name, kind=query_kind)
    assert hits and hits[0].score == 100
    assert any(hit.party.id == "X1" and hit.score == 100 for hit in hits)
