"""The audit hash chain: any altered, removed or reordered entry is found."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.audit import GENESIS_HASH, ChainEntry, entry_hash, verify_chain


def make_chain(contents: list[dict[str, object]]) -> list[ChainEntry]:
    chain: list[ChainEntry] = []
    prev = GENESIS_HASH
    for seq, content in enumerate(contents, start=1):
        full = {"seq": seq, **content}
        h = entry_hash(full, prev)
        chain.append(ChainEntry(seq=seq, content=full, prev_hash=prev, hash=h))
        prev = h
    return chain


def sample(n: int) -> list[ChainEntry]:
    return make_chain(
        [{"action": "view", "summary": f"entry {i}", "data": {"n": i}} for i in range(n)]
    )


def test_intact_chain_verifies() -> None:
    assert verify_chain(sample(50)) == []


def test_empty_chain_verifies() -> None:
    assert verify_chain([]) == []


def test_altered_content_is_found() -> None:
    chain = sample(10)
    bad = dataclasses.replace(chain[4], content={**chain[4].content, "summary": "tampered"})
    chain[4] = bad
    problems = verify_chain(chain)
    assert [p.seq for p in problems] == [5]
    assert "altered" in problems[0].problem


def test_removed_entry_is_found() -> None:
    chain = sample(10)
    del chain[3]
    problems = verify_chain(chain)
    assert problems and problems[0].seq == 5
    assert any("missing" in p.problem for p in problems)


def test_reordered_entries_are_found() -> None:
    chain = sample(10)
    chain[2], chain[3] = chain[3], chain[2]
    problems = verify_chain(chain)
    assert {p.seq for p in problems} >= {3, 4}


def test_rehashed_entry_still_breaks_the_next_link() -> None:
    """An attacker who recomputes the altered entry's own hash still breaks the link after it."""
    chain = sample(10)
    content = {**chain[4].content, "summary": "tampered"}
    chain[4] = dataclasses.replace(
        chain[4], content=content, hash=entry_hash(content, chain[4].prev_hash)
    )
    problems = verify_chain(chain)
    assert [p.seq for p in problems] == [6]
    assert "link broken" in problems[0].problem


def test_unicode_content_hashes_stably() -> None:
    content = {"summary": "Nguyễn Thị Minh Khai · محمد بن علي · 王小明"}
    assert entry_hash(content, GENESIS_HASH) == entry_hash(dict(content), GENESIS_HASH)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=2, max_value=40), seed=st.integers(min_value=0, max_value=10_000))
def test_every_single_tampering_is_detected(n: int, seed: int) -> None:
    rng = random.Random(seed)
    chain = sample(n)
    i = rng.randrange(n)
    kind = rng.choice(["alter", "delete", "swap"])
    if kind == "alter":
        chain[i] = dataclasses.replace(chain[i], content={**chain[i].content, "summary": "x"})
    elif kind == "delete":
        if i == n - 1:  # truncating the tail is not detectable from the chain alone
            i = rng.randrange(n - 1)
        del chain[i]
    else:
        j = (i + 1) % n
        chain[i], chain[j] = chain[j], chain[i]
    assert verify_chain(chain), f"{kind} at {i} went unnoticed"
