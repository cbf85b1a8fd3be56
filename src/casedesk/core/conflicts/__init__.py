"""Conflict-of-interest name matching: pure Python, no Django.

Build a ConflictIndex from the registry of parties, then search() it with a prospective
client's or adverse party's name to get possible conflicts, scored and explained.
"""

from casedesk.core.conflicts.conflict_index import ConflictIndex
from casedesk.core.conflicts.model import ROLES, ConflictHit, PartyKind, RegistryParty
from casedesk.core.conflicts.name_scoring import MATCH_THRESHOLD
from casedesk.core.conflicts.normalize import MAX_NAME_LENGTH, guess_kind
from casedesk.core.conflicts.registry_csv import RegistryFormatError, load_registry_csv

__all__ = [
    "MATCH_THRESHOLD",
    "MAX_NAME_LENGTH",
    "ROLES",
    "ConflictHit",
    "ConflictIndex",
    "PartyKind",
    "RegistryFormatError",
    "RegistryParty",
    "guess_kind",
    "load_registry_csv",
]
