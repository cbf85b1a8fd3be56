"""Value types of the conflict checker: registry parties, party kinds and search hits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PartyKind(StrEnum):
    """Whether a party is a natural person or an organization (company, agency, estate...)."""

    PERSON = "person"
    ORGANIZATION = "organization"


ROLES: tuple[str, ...] = (
    "client",
    "former-client",
    "prospective-client",
    "adverse-party",
    "opposing-counsel",
    "co-party",
    "witness",
    "related-party",
    "expert",
    "judge",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistryParty:
    """One party known to the firm: its name, aliases and the matter it appears in."""

    id: str
    name: str
    kind: PartyKind
    role: str
    matter: str = ""
    aliases: tuple[str, ...] = ()
    status: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictHit:
    """A registry party that may be the same as the name searched, with score and reason.

    ``rule`` is the machine id of the strongest rule that matched (see RULE_SCORES in
    name_scoring.py and docs/decisions/0001-conflict-matcher.md); ``reason`` is plain English.
    """

    party: RegistryParty
    score: int
    rule: str
    reason: str
    matched_name: str
