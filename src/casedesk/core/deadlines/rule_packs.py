"""Loads the rule packs (``rules/*.toml``): rule text, citation, source URL, version, period.

Each file has a ``[pack]`` table (id, title, version, courts, source_url, family), an
``[extensions]`` table (days each service method adds, in that jurisdiction's own terms) and
``[[rule]]`` entries. A rule with ``unit``/``amount``/``direction`` defines a period; the others
(FRCP 6(a), 6(d), CCP 1013...) document how periods are computed.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from casedesk.core.deadlines.model import (
    SERVICE_METHODS,
    Direction,
    Period,
    RuleDefinition,
    RulePack,
    ServiceExtension,
    Unit,
    UnknownRuleError,
)

_PACKAGE = "casedesk.core.deadlines.rules"
PACK_FILES: tuple[str, ...] = ("frcp", "frap", "ccp", "cplr", "trcp")

# The pack whose computing rules apply to a period given in days or hours (no rule id).
DEFAULT_PACK_BY_FAMILY = {
    "federal": "frcp",
    "california": "ccp",
    "new-york": "cplr",
    "texas": "trcp",
}


class RulePackError(ValueError):
    """A rule pack file is malformed (a bug in the data)."""


def _extensions(raw: dict[str, Any]) -> dict[str, ServiceExtension]:
    table = dict(raw.get("extensions", {}))
    default_citation = str(table.pop("citation", ""))
    found: dict[str, ServiceExtension] = {}
    for method, spec in table.items():
        if method not in SERVICE_METHODS:
            raise RulePackError(f"unknown service method {method!r} in [extensions]")
        found[method] = ServiceExtension(
            method,
            int(spec["amount"]),
            Unit(spec["unit"]),
            str(spec.get("citation", default_citation)),
        )
    return found


def _rule(entry: dict[str, Any], pack: RulePack) -> RuleDefinition:
    period = None
    if "unit" in entry:
        period = Period(Unit(entry["unit"]), int(entry["amount"]), Direction(entry["direction"]))
    due_time = dt.time.fromisoformat(entry["due_time"]) if "due_time" in entry else None
    return RuleDefinition(
        id=str(entry["id"]),
        pack=pack.id,
        pack_version=pack.version,
        courts=tuple(entry.get("courts", pack.courts)),
        title=str(entry["title"]),
        citation=str(entry["citation"]),
        text=str(entry["text"]),
        source_url=str(entry["source_url"]),
        trigger=entry.get("trigger"),
        period=period,
        runs_from_service=bool(entry.get("runs_from_service", False)),
        no_extension_reason=entry.get("no_extension_reason"),
        due_time=due_time,
        note=entry.get("note"),
    )


@cache
def _load_pack(name: str) -> tuple[RulePack, tuple[RuleDefinition, ...]]:
    text = resources.files(_PACKAGE).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    head = raw["pack"]
    pack = RulePack(
        id=str(head["id"]),
        title=str(head["title"]),
        version=str(head["version"]),
        courts=tuple(head["courts"]),
        source_url=str(head["source_url"]),
        family=str(head["family"]),
        extensions=_extensions(raw),
    )
    return pack, tuple(_rule(entry, pack) for entry in raw.get("rule", []))


def load_packs() -> dict[str, RulePack]:
    """Every rule pack by id."""
    return {pack.id: pack for pack, _ in (_load_pack(name) for name in PACK_FILES)}


@cache
def _rules_by_id() -> dict[str, RuleDefinition]:
    rules: dict[str, RuleDefinition] = {}
    for name in PACK_FILES:
        for rule in _load_pack(name)[1]:
            if rule.id in rules:
                raise RulePackError(f"duplicate rule id {rule.id!r}")
            rules[rule.id] = rule
    return rules


def load_rules(court: str | None = None) -> list[RuleDefinition]:
    """Every rule in the packs, in file order; only those for ``court`` if given."""
    return [r for r in _rules_by_id().values() if court is None or court in r.courts]


def get_rule(rule_id: str) -> RuleDefinition:
    """One rule by id, or UnknownRuleError."""
    try:
        return _rules_by_id()[rule_id]
    except KeyError:
        raise UnknownRuleError(
            f"unknown rule {rule_id!r}: see `casedesk deadline rules` for the list"
        ) from None


def pack_for(rule: RuleDefinition | None, family: str) -> RulePack:
    """The pack whose service extensions and version apply to a computation."""
    packs = load_packs()
    return packs[rule.pack] if rule else packs[DEFAULT_PACK_BY_FAMILY[family]]
