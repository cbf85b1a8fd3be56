"""Request and response shapes of the REST API (``/api/v1``)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class Error(Schema):
    detail: str


class PartyOut(Schema):
    contact_id: int
    name: str
    kind: str
    role: str
    aliases: list[str]


class MatterOut(Schema):
    id: int
    number: str
    title: str
    status: str
    practice_area: str
    court: str
    case_number: str
    judge: str
    intake_on: dt.date | None
    opened_on: dt.date | None
    closed_on: dt.date | None
    responsible_attorney: str | None


class MatterDetailOut(MatterOut):
    description: str
    parties: list[PartyOut]
    conflict_check_status: str | None


class ContactOut(Schema):
    id: int
    kind: str
    name: str
    aliases: list[str]
    emails: list[str]
    phones: list[str]


class ConflictSearchIn(Schema):
    names: list[str]
    kind: str = "auto"


class ConflictHitOut(Schema):
    redacted: bool
    name: str
    matched_name: str
    role: str
    matter_number: str
    matter_status: str
    score: int
    reason: str


class ConflictResultOut(Schema):
    query: str
    hits: list[ConflictHitOut]


class PartyIn(Schema):
    name: str
    kind: str = "person"
    role: str = "adverse-party"
    aliases: list[str] = []


class IntakeIn(Schema):
    title: str
    practice_area: str
    client: PartyIn
    other_parties: list[PartyIn] = []
    court: str = ""
    case_number: str = ""
    judge: str = ""
    description: str = ""
    responsible_attorney: str | None = None  # a user name
    number: str | None = None
