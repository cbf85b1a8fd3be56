"""The result type of field extraction: what was found, normalised, and where."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class FieldKind(StrEnum):
    """What a found field is."""

    CASE_NUMBER = "case_number"
    COURT = "court"
    PARTY = "party"
    DATE = "date"
    HEARING = "hearing"
    DEADLINE = "deadline"


def _frozen(detail: Mapping[str, str | int]) -> Mapping[str, str | int]:
    return MappingProxyType(dict(detail))


@dataclass(frozen=True)
class FoundField:
    """One field found in a document's text, proposed for the user to confirm.

    ``value`` is normalised: a date ``YYYY-MM-DD``; a hearing ``YYYY-MM-DDTHH:MM`` (or
    ``YYYY-MM-DD`` when no time is printed); a court its courts-db id where there is one, else
    its normalised name; a case number as printed; a party as printed in the caption; a
    deadline "21 days after service" / "10 court days before hearing" / "14 days" (no
    trigger printed). ``text`` is the passage it came from (<= 300 characters); ``start`` and
    ``end`` are the offsets of the match in the input. ``detail`` holds extra structure (see
    the package docstring).
    """

    kind: FieldKind
    value: str
    text: str
    start: int
    end: int
    detail: Mapping[str, str | int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", _frozen(self.detail))

    def as_json(self) -> dict[str, str]:
        """The CLI's JSON object: ``{"kind", "value", "text"}``."""
        return {"kind": str(self.kind), "value": self.value, "text": self.text}
