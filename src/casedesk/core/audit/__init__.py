"""Tamper-evident audit chain: pure functions shared by the web app and ``casedesk audit verify``."""

from casedesk.core.audit.chain import (
    GENESIS_HASH,
    ChainEntry,
    ChainProblem,
    canonical_bytes,
    entry_hash,
    verify_chain,
)

__all__ = [
    "GENESIS_HASH",
    "ChainEntry",
    "ChainProblem",
    "canonical_bytes",
    "entry_hash",
    "verify_chain",
]
