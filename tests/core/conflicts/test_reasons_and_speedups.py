"""Plain-English reasons, and the search shortcuts that must not change any result."""

from __future__ import annotations

import pytest

from casedesk.core.conflicts import ConflictIndex, PartyKind, RegistryParty, load_registry_csv
from casedesk.core.conflicts import conflict_index as conflict_index_module
from tests.core.conflicts.probe_evaluation import REGISTRY_PATH, load_probes

INDEX = ConflictIndex.build(load_registry_csv(REGISTRY_PATH))


def _hit(query: str, party_id: str, kind: PartyKind | None = None) -> str:
    [hit] = [hit for hit in INDEX.search(query, kind=kind) if hit.party.id == party_id]
    return hit.reason


@pytest.mark.parametrize(
    ("query", "party_id", "expected"),
    [
        ("Robert Kinsley", "P002", 'Same name as "Robert Kinsley"'),
        (
            "Acme Bakery Supply Incorporated",
            "O001",
            'Same name as "Acme Bakery Supply, Inc.", ignoring punctuation and how the legal '
            "form is written (Incorporated / Inc.)",
        ),
        (
            "Dr. Robert Kinsley Jr.",
            "P002",
            'Same name as "Robert Kinsley", ignoring punctuation and the titles Dr., Jr.',
        ),
        (
            "Bob Kinsley",
            "P002",
            'Matches "Robert Kinsley" — nickname: Bob is a form of Robert; surname Kinsley matches',
        ),
        (
            "Peggy Whitley",
            "P001",
            'Matches alias "Peggy Olsen-Whitley" — "Olsen" is an extra surname in the registry name',
        ),
        ("Stephen Kowalczyk", "P019", "sounds alike: Stephen / Steven"),
        ("Frederick Schmidt", "P032", "likely typo: Schmidt / Schmitt"),
        ("Jon Smtih", "P026", "likely typo: Smtih / Smith"),
        ("J. Smith", "P026", "initial: J. stands for Jon"),
    ],
)
def test_reason_is_plain_english(query: str, party_id: str, expected: str) -> None:
    reason = _hit(query, party_id, PartyKind.PERSON if query[0] != "A" else None)
    assert expected in reason
    assert not any(f"({score})" in reason for score in range(50, 101))  # no bare scores


def test_legal_form_difference_is_named() -> None:
    reason = _hit("Acme Bakery Supply LLC", "O001")
    assert reason.startswith('Same name as "Acme Bakery Supply, Inc." apart from the legal form')
    assert "(LLC / Inc.)" in reason


@pytest.mark.parametrize("name", ["Ꜣ", "N/K/A", "0&0"])
def test_odd_names_still_match_themselves(name: str) -> None:
    """Found by Hypothesis: a Latin letter unidecode cannot spell; a name that is only a
    marker; a name of digits and "&" only (nothing to retrieve it by)."""
    party = RegistryParty(id="X1", name=name, kind=PartyKind.PERSON, role="client")
    index = ConflictIndex.build([party])
    [hit] = index.search(name)
    assert hit.score == 100


def test_profile_shortcut_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring one name per token profile gives exactly the results of scoring every name."""
    queries = [(probe.query, probe.kind) for probe in load_probes()]
    fast = [
        [(h.party.id, h.score, h.rule, h.reason) for h in INDEX.search(q, kind=k)]
        for q, k in queries
    ]
    monkeypatch.setattr(conflict_index_module, "person_profiles_apply", lambda query: False)
    slow = [
        [(h.party.id, h.score, h.rule, h.reason) for h in INDEX.search(q, kind=k)]
        for q, k in queries
    ]
    assert fast == slow


def test_nickname_related_given_names_do_not_flood_candidates() -> None:
    """ "Abbe" and "Abigail" are nicknames of each other: every Abigail shares a variant of
    both, but is not a candidate for that alone (before: thousands of candidates, the cut
    to 3,000 dropped the exact match filed last)."""
    crowd = [
        RegistryParty(id=f"C{n}", name=f"Abigail Surname{n}", kind=PartyKind.PERSON, role="witness")
        for n in range(3500)
    ]
    target = RegistryParty(id="T1", name="Abbe Abigail Weber", kind=PartyKind.PERSON, role="client")
    index = ConflictIndex.build([*crowd, target])
    hits = index.search("Mr. Abbe Abigail Weber Sr.")
    assert hits[0].party.id == "T1" and hits[0].score == 100
    assert len(index.search("Abbe Abigail")) >= 1


def test_score_party_agrees_with_search() -> None:
    for probe in load_probes()[:80]:
        for hit in INDEX.search(probe.query, kind=probe.kind):
            position = INDEX._parties.index(hit.party)
            direct = INDEX.score_party(probe.query, position, kind=probe.kind)
            assert direct is not None and direct.score == hit.score, probe.query
