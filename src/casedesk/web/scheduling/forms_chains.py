"""Forms of the deadline-chain pages. They check the shape of the input; services decide the rest."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from casedesk.core.deadlines import COURTS, SERVICE_METHODS
from casedesk.web.scheduling.chain_selectors import (
    COURT_LABELS,
    SERVICE_LABELS,
    template_groups,
)
from casedesk.web.scheduling.chain_services import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_CLOSED_DAYS,
    REASON_LIMIT,
    ChainInput,
)

_DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
_RANGE_HELP = f"Between {FIRST_YEAR} and {LAST_YEAR} (the years the court calendars cover)."


def _in_range(day: dt.date | None, label: str) -> dt.date | None:
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            f"{label} {day:%Y-%m-%d} is outside the years the court calendars cover "
            f"({FIRST_YEAR}-{LAST_YEAR})."
        )
    return day


def parse_closed_days(text: str) -> tuple[dt.date, ...]:
    """ "2027-03-15, 2027-03-16" (commas, spaces or lines) -> dates; ValidationError if bad."""
    text = (text or "").strip()
    if not text:
        return ()
    if len(text) > 1000:
        raise ValidationError("Too much text: list at most 30 dates like 2027-03-15.")
    days: list[dt.date] = []
    for token in re.split(r"[\s,;]+", text):
        if not token:
            continue
        try:
            day = dt.date.fromisoformat(token)
        except ValueError:
            raise ValidationError(
                f"“{token[:40]}” is not a date: write dates like 2027-03-15."
            ) from None
        _in_range(day, "The closed day")
        days.append(day)
    unique = tuple(sorted(set(days)))
    if len(unique) > MAX_CLOSED_DAYS:
        raise ValidationError(f"List at most {MAX_CLOSED_DAYS} closed days.")
    return unique


def _template_choices() -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", "— Choose what happened —")]
    for label, templates in template_groups():
        choices.append((label, [(t.id, t.label) for t in templates]))
    return choices


class TriggerFieldsMixin(forms.Form):
    """Trigger date, time, service method and clerk-closed days (shared by new and move)."""

    trigger_date = forms.DateField(label="Trigger date", widget=_DATE_INPUT, help_text=_RANGE_HELP)
    trigger_time = forms.TimeField(
        label="Time (optional)",
        required=False,
        widget=_TIME_INPUT,
        help_text="Only for a hearing or periods counted in hours.",
    )
    service = forms.ChoiceField(
        label="How was it served?",
        choices=[(m, SERVICE_LABELS[m]) for m in SERVICE_METHODS],
        initial="none",
        error_messages={"invalid_choice": "Choose one of the service methods in the list."},
        help_text="Mail and some other methods add days to periods that run from service.",
    )
    closed_days = forms.CharField(
        label="Days the clerk's office was closed (optional)",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. 2027-03-15, 2027-03-16"}),
        help_text="Weather or other closures; a deadline falling on one moves to the next open day.",
    )

    def clean_trigger_date(self) -> dt.date | None:
        return _in_range(self.cleaned_data.get("trigger_date"), "The trigger date")

    def clean_closed_days(self) -> tuple[dt.date, ...]:
        return parse_closed_days(self.cleaned_data.get("closed_days", ""))


class ChainNewForm(TriggerFieldsMixin):
    """Build a chain: court, trigger, date, time, service, closed days."""

    field_order = ["court", "template", "trigger_date", "trigger_time", "service", "closed_days"]

    court = forms.ChoiceField(
        label="Court",
        choices=[("", "— Choose the court —")] + [(c, COURT_LABELS[c]) for c in COURTS],
        error_messages={"invalid_choice": "Choose one of the courts in the list."},
    )
    template = forms.ChoiceField(
        label="What happened (the trigger)",
        choices=(),
        error_messages={"invalid_choice": "Choose one of the triggers in the list."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = _template_choices()
        self.fields["trigger_date"].label = "Date it happened (or the date of the hearing)"

    def chain_input(self) -> ChainInput:
        """The validated input for the services."""
        data = self.cleaned_data
        return ChainInput(
            template_id=data["template"],
            court=data["court"],
            trigger_date=data["trigger_date"],
            trigger_time=data.get("trigger_time"),
            service=data["service"],
            closed_days=data.get("closed_days") or (),
        )


class ChainMoveForm(TriggerFieldsMixin):
    """Move a chain's trigger: new date, time, service, closed days."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trigger_date"].label = "New trigger date"

    def chain_input(self, template_id: str, court: str) -> ChainInput:
        """The validated input for the services (template and court stay the chain's)."""
        data = self.cleaned_data
        return ChainInput(
            template_id=template_id,
            court=court,
            trigger_date=data["trigger_date"],
            trigger_time=data.get("trigger_time"),
            service=data["service"],
            closed_days=data.get("closed_days") or (),
        )


class ReasonForm(forms.Form):
    """A required reason (deleting a deadline or a chain)."""

    reason = forms.CharField(label="Reason", max_length=REASON_LIMIT, strip=True)


class OverrideForm(forms.Form):
    """Put a computed deadline on another date, with a reason."""

    new_date = forms.DateField(label="Date to calendar instead", widget=_DATE_INPUT)
    new_time = forms.TimeField(label="Time (optional)", required=False, widget=_TIME_INPUT)
    reason = forms.CharField(
        label="Reason (kept with the deadline and in the audit log)",
        max_length=REASON_LIMIT,
        strip=True,
        help_text="E.g. “Stipulation and order of Mar 3 extended the time to answer.”",
    )

    def clean_new_date(self) -> dt.date | None:
        return _in_range(self.cleaned_data.get("new_date"), "The new date")


def closed_days_text(days: list[str] | tuple[dt.date, ...]) -> str:
    """The closed days as the form shows them ("2027-03-15, 2027-03-16")."""
    return ", ".join(d if isinstance(d, str) else d.isoformat() for d in days)


__all__ = [
    "ChainMoveForm",
    "ChainNewForm",
    "OverrideForm",
    "ReasonForm",
    "closed_days_text",
    "parse_closed_days",
]
