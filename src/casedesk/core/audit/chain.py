"""The audit log's hash chain: ``h_n = SHA-256(canonical(entry_n) || h_(n-1))``.

Editing, deleting or reordering any entry changes the hash of every later entry, so
:func:`verify_chain` names the first entry whose stored hash no longer matches. (Truncating
the tail is not detectable from the chain alone; that needs an external checkpoint.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainEntry:
    """One audit entry as the chain sees it: its sequence number, content and stored hashes."""

    seq: int
    content: Mapping[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainProblem:
    """Why an entry fails verification, in words an administrator can act on."""

    seq: int
    problem: str


def canonical_bytes(content: Mapping[str, Any]) -> bytes:
    """Serialise an entry's content the same way every time (sorted keys, no spaces, UTF-8)."""
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def entry_hash(content: Mapping[str, Any], prev_hash: str) -> str:
    """Hash an entry's canonical content chained to the previous entry's hash."""
    digest = hashlib.sha256()
    digest.update(canonical_bytes(content))
    digest.update(prev_hash.encode("ascii"))
    return digest.hexdigest()


def verify_chain(entries: Iterable[ChainEntry]) -> list[ChainProblem]:
    """Check every link of the chain, in sequence order; return every problem found.

    Detects an altered entry (its hash no longer matches its content), a removed entry
    (a gap in sequence numbers, or a ``prev_hash`` that does not match the previous entry),
    and reordered entries (sequence numbers not increasing, or broken links).
    """
    problems: list[ChainProblem] = []
    expected_prev = GENESIS_HASH
    last_seq: int | None = None
    for entry in entries:
        if last_seq is not None:
            if entry.seq <= last_seq:
                problems.append(
                    ChainProblem(seq=entry.seq, problem=f"out of order: follows entry {last_seq}")
                )
            elif entry.seq != last_seq + 1:
                problems.append(
                    ChainProblem(
                        seq=entry.seq,
                        problem=f"entries {last_seq + 1}..{entry.seq - 1} are missing",
                    )
                )
        if entry.prev_hash != expected_prev:
            problems.append(
                ChainProblem(
                    seq=entry.seq,
                    problem="link broken: previous-hash does not match the entry before it",
                )
            )
        if entry_hash(entry.content, entry.prev_hash) != entry.hash:
            problems.append(
                ChainProblem(seq=entry.seq, problem="altered: content does not match its hash")
            )
        expected_prev = entry.hash
        last_seq = entry.seq
    return problems
