"""Deadline chains: a trigger a secretary dockets from, and the rule deadlines that follow.

Chain templates are data (``chains/*.toml``, one file per court family, each template with the
sources it relies on). A template only says *which* rules follow a trigger; every date comes
from :func:`casedesk.core.deadlines.compute`, so a chain's derivations are the engine's own.

Public API::

    chain_templates(court: str | None = None) -> list[ChainTemplate]
    get_chain_template(template_id: str) -> ChainTemplate
    propose_chain(template_id, court, trigger_date, trigger_time=None, service="none",
                  closed=frozenset(), *, rule_ids=None, calendars=default_calendars)
        -> list[ProposedDeadline]
    guess_court(text: str) -> str | None   # "U.S. District Court, N.D. Cal." -> "federal-ca"

Errors are :class:`DeadlineError` subclasses with one-line messages
(:class:`UnknownChainTemplateError` for a template id that does not exist or does not apply
to the court).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from casedesk.core.deadlines.court_calendar import (
    CalendarProvider,
    check_in_range,
    court_info,
    default_calendars,
)
from casedesk.core.deadlines.engine import compute
from casedesk.core.deadlines.model import (
    Deadline,
    DeadlineError,
    DeadlineRequest,
    InvalidRequestError,
)
from casedesk.core.deadlines.rule_packs import get_rule

CHAIN_FILES: tuple[str, ...] = ("federal", "california", "new_york", "texas")
_PACKAGE = "casedesk.core.deadlines"


class UnknownChainTemplateError(DeadlineError):
    """The chain template id is unknown, or the template is not for that court."""


class ChainDataError(ValueError):
    """A chain file is malformed (a bug in the data, caught by the tests)."""


@dataclass(frozen=True)
class Source:
    """Where a template's rules can be read."""

    citation: str
    url: str


@dataclass(frozen=True)
class ChainStep:
    """One deadline a template proposes: a rule id, the calendar title, checked by default?"""

    rule_id: str
    title: str
    default: bool


@dataclass(frozen=True)
class ChainTemplate:
    """A trigger and the deadlines that follow from it, for a set of courts.

    ``backward`` templates count back from a future event (a hearing, a trial); ``uses_service``
    is true when at least one of its rules runs from service (so the service method matters).
    """

    id: str
    label: str
    trigger_label: str
    description: str
    courts: tuple[str, ...]
    backward: bool
    steps: tuple[ChainStep, ...]
    sources: tuple[Source, ...]
    version: str

    @property
    def uses_service(self) -> bool:
        return any(get_rule(step.rule_id).runs_from_service for step in self.steps)


@dataclass(frozen=True)
class ProposedDeadline:
    """One deadline of a proposed chain, with the engine's derivation in ``deadline``."""

    rule_id: str
    title: str  # "Answer due (FRCP 12(a)(1)(A)(i))"
    citation: str
    source_url: str
    default: bool
    deadline: Deadline


def _step(raw: dict[str, Any], template_id: str) -> ChainStep:
    rule = get_rule(str(raw["rule"]))  # an unknown rule id is a data bug: fail loudly
    if rule.period is None:
        raise ChainDataError(f"{template_id}: rule {rule.id!r} has no period of its own")
    return ChainStep(rule.id, str(raw["title"]), bool(raw.get("default", True)))


def _template(raw: dict[str, Any], courts: tuple[str, ...], version: str) -> ChainTemplate:
    template_id = str(raw["id"])
    template_courts = tuple(raw.get("courts", courts))
    steps = tuple(_step(entry, template_id) for entry in raw["deadlines"])
    if not steps:
        raise ChainDataError(f"{template_id}: a template needs at least one deadline")
    for step in steps:
        missing = set(template_courts) - set(get_rule(step.rule_id).courts)
        if missing:
            raise ChainDataError(f"{template_id}: rule {step.rule_id!r} is not for {missing}")
    sources = tuple(Source(str(s["citation"]), str(s["url"])) for s in raw.get("sources", []))
    if not sources:
        raise ChainDataError(f"{template_id}: a template must cite its sources")
    return ChainTemplate(
        id=template_id,
        label=str(raw["label"]),
        trigger_label=str(raw["trigger_label"]),
        description=str(raw.get("description", "")),
        courts=template_courts,
        backward=bool(raw.get("backward", False)),
        steps=steps,
        sources=sources,
        version=version,
    )


@cache
def _all_templates() -> tuple[ChainTemplate, ...]:
    found: list[ChainTemplate] = []
    seen: set[str] = set()
    for name in CHAIN_FILES:
        path = resources.files(_PACKAGE).joinpath("chains", f"{name}.toml")
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        head = raw["pack"]
        for entry in raw.get("template", []):
            template = _template(entry, tuple(head["courts"]), str(head["version"]))
            if template.id in seen:
                raise ChainDataError(f"duplicate chain template id {template.id!r}")
            seen.add(template.id)
            found.append(template)
    return tuple(found)


def chain_templates(court: str | None = None) -> list[ChainTemplate]:
    """Every chain template, in file order; only those for ``court`` if given."""
    if court is not None:
        court_info(court)  # UnknownCourtError for a bad id
    return [t for t in _all_templates() if court is None or court in t.courts]


def get_chain_template(template_id: str, court: str | None = None) -> ChainTemplate:
    """One template by id (and for ``court`` if given), or UnknownChainTemplateError."""
    for template in _all_templates():
        if template.id == template_id:
            if court is not None and court not in template.courts:
                name = court_info(court).name
                raise UnknownChainTemplateError(
                    f"the trigger {template.label!r} is not available in a {name}"
                )
            return template
    raise UnknownChainTemplateError(f"unknown chain template {template_id!r}")


def propose_chain(
    template_id: str,
    court: str,
    trigger_date: dt.date,
    trigger_time: dt.time | None = None,
    service: str = "none",
    closed: Iterable[dt.date] = frozenset(),
    *,
    rule_ids: Iterable[str] | None = None,
    calendars: CalendarProvider = default_calendars,
) -> list[ProposedDeadline]:
    """The deadlines that follow from the trigger, each computed by the engine.

    ``rule_ids`` limits the proposal to those rules (they must belong to the template).
    Raises :class:`DeadlineError` (one line) for an unknown court, template, service method,
    or a date outside the calendars' years.
    """
    court_info(court)
    template = get_chain_template(template_id, court)
    check_in_range(trigger_date)
    closed_days = frozenset(closed)
    steps = template.steps
    if rule_ids is not None:
        wanted = list(dict.fromkeys(rule_ids))
        known = {step.rule_id for step in steps}
        stray = [r for r in wanted if r not in known]
        if stray:
            raise InvalidRequestError(
                f"{', '.join(stray)} is not part of the chain {template.label!r}"
            )
        if not wanted:
            raise InvalidRequestError("choose at least one deadline")
        steps = tuple(step for step in steps if step.rule_id in wanted)
    proposals: list[ProposedDeadline] = []
    for step in steps:
        rule = get_rule(step.rule_id)
        deadline = compute(
            DeadlineRequest(
                court=court,
                trigger=trigger_date,
                rule_id=rule.id,
                trigger_time=trigger_time,
                service=service,
                closed=closed_days,
            ),
            calendars=calendars,
        )
        proposals.append(
            ProposedDeadline(
                rule_id=rule.id,
                title=f"{step.title} ({rule.citation})",
                citation=rule.citation,
                source_url=rule.source_url,
                default=step.default,
                deadline=deadline,
            )
        )
    return proposals


# Matter "court" fields are free text; these patterns map the usual spellings to a court id.
_CIRCUITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|d\\.?c\\.?"
_FEDERAL = re.compile(
    r"\b(u\.?\s?s\.?|united states|federal)\b.*\b(district|court of appeals|circuit)\b"
    r"|\b[nsecw]\.?\s?d\.?\s?(cal|n\.?\s?y|tex)\b"
    rf"|\b({_CIRCUITS}|federal)\s+circuit\b|\b\d+(st|nd|rd|th)\s+cir\b",
    re.IGNORECASE,
)
_STATES = (
    ("ca", re.compile(r"\bcal(ifornia|\.)?\b", re.IGNORECASE)),
    ("ny", re.compile(r"\bn\.?\s?y\.?\b|new york", re.IGNORECASE)),
    ("tx", re.compile(r"\btex(as|\.)?\b", re.IGNORECASE)),
)


def guess_court(text: str) -> str | None:
    """The court id a matter's free-text court most likely means, or None if unsure.

    "U.S. District Court, N.D. Cal." -> "federal-ca"; "Superior Court of California, County
    of Alameda" -> "ca"; "Supreme Court of the State of New York" -> "ny"; "S.D. Tex." ->
    "federal-tx"; "Ninth Circuit" -> "federal".
    """
    text = " ".join((text or "").split())
    if not text:
        return None
    federal = bool(_FEDERAL.search(text))
    states = [court for court, pattern in _STATES if pattern.search(text)]
    if federal:
        return f"federal-{states[0]}" if len(states) == 1 else "federal"
    return states[0] if len(states) == 1 else None


__all__ = [
    "ChainDataError",
    "ChainStep",
    "ChainTemplate",
    "ProposedDeadline",
    "Source",
    "UnknownChainTemplateError",
    "chain_templates",
    "get_chain_template",
    "guess_court",
    "propose_chain",
]
