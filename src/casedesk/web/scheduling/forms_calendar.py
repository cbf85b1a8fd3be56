"""Forms of the calendar and task pages. They check the shape of input; services decide the rest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casedesk.web.access import visible_contacts, visible_events, visible_matters
from casedesk.web.accounts.models import User
from casedesk.web.errors import ServiceError
from casedesk.web.scheduling.event_selectors import VIEWS
from casedesk.web.scheduling.event_services import (
    LOCATION_LIMIT,
    TITLE_LIMIT,
    check_year,
    clean_text,
)
from casedesk.web.scheduling.models import Event, EventKind, EventStatus, TaskStatus

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
BIG = 20_000  # accept long input so the service's own message ("... the limit is 300") is shown


def _as_validation(exc: ServiceError) -> ValidationError:
    return ValidationError(exc.message)


class _MatterField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} · {obj.title}"


class _UserMultiField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


class _UserField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


class _DeadlineField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = timezone.localtime(obj.starts_at)
        matter = f"{obj.matter.number} · " if obj.matter else ""
        return f"{when:%Y-%m-%d} · {matter}{obj.title}"


def staff_choices() -> Any:
    """Active staff, by name."""
    return User.objects.filter(is_active=True).order_by("full_name", "username")


class CalendarFilterForm(forms.Form):
    """?view=month|week|agenda&date=YYYY-MM-DD&kind=hearing"""

    view = forms.ChoiceField(choices=[(v, v.title()) for v in VIEWS], required=False)
    date = forms.DateField(required=False, label="Go to date")
    kind = forms.ChoiceField(
        choices=[("", "All kinds"), *EventKind.choices], required=False, label="Kind"
    )

    def clean_date(self) -> dt.date | None:
        value = self.cleaned_data.get("date")
        if value is not None:
            try:
                check_year(value, field="date", label="The date")
            except ServiceError as exc:
                raise _as_validation(exc) from exc
        return value


class EventForm(forms.Form):
    """Schedule or change an event. A computed deadline's date fields are shown read-only."""

    kind = forms.ChoiceField(choices=EventKind.choices, initial=EventKind.APPOINTMENT)
    title = forms.CharField(
        max_length=BIG,
        help_text="For example: Hearing on motion to compel; Deposition of J. Smith",
        error_messages={"required": "Give the event a title."},
    )
    matter = _MatterField(
        queryset=None, required=False, empty_label="— No matter (firm event) —", label="Matter"
    )
    starts_at = forms.DateTimeField(
        label="Starts",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        error_messages={
            "required": "Give the start date and time.",
            "invalid": "Enter a valid date and time.",
        },
    )
    ends_at = forms.DateTimeField(
        label="Ends",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text="Leave empty for one hour.",
        error_messages={"invalid": "Enter a valid date and time."},
    )
    all_day = forms.BooleanField(label="All day", required=False)
    location = forms.CharField(
        label="Location or courtroom",
        required=False,
        max_length=BIG,
        help_text="For example: Dept. 12, Stanley Mosk Courthouse — double-bookings are flagged.",
    )
    attendee_users = _UserMultiField(
        queryset=None,
        required=False,
        label="Staff attending",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "staff-check"}),
    )
    attendee_contacts = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label="Contacts attending", widget=forms.MultipleHiddenInput
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=BIG
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.event = event
        matters = visible_matters(user).filter(status__in=("intake", "open"))
        if event is not None and event.matter_id:
            matters = visible_matters(user).filter(
                id__in=[*matters.values_list("id", flat=True), event.matter_id]
            )
        self.fields["matter"].queryset = matters.order_by("-number")
        self.fields["attendee_users"].queryset = staff_choices()
        self.fields["attendee_contacts"].queryset = visible_contacts(user)
        self.computed = bool(event is not None and event.rule_id)
        if self.computed:
            for name in ("kind", "matter", "starts_at", "ends_at", "all_day"):
                self.fields[name].disabled = True
                self.fields[name].required = False
            self.fields[
                "starts_at"
            ].help_text = "Computed from the court rule: change the trigger on the deadline chain."

    def clean_title(self) -> str:
        try:
            return clean_text(
                self.cleaned_data.get("title"),
                field="title",
                label="Title",
                limit=TITLE_LIMIT,
                required=True,
            )
        except ServiceError as exc:
            raise _as_validation(exc) from exc

    def clean_location(self) -> str:
        try:
            return clean_text(
                self.cleaned_data.get("location"),
                field="location",
                label="Location",
                limit=LOCATION_LIMIT,
                required=False,
            )
        except ServiceError as exc:
            raise _as_validation(exc) from exc

    def _year(self, name: str, label: str) -> None:
        value = self.cleaned_data.get(name)
        if value is not None:
            try:
                check_year(timezone.localtime(value), field=name, label=label)
            except ServiceError as exc:
                self.add_error(name, exc.message)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.computed:
            return data
        self._year("starts_at", "The start")
        self._year("ends_at", "The end")
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and not self.errors:
            if data.get("all_day"):
                if timezone.localtime(end).date() < timezone.localtime(start).date():
                    self.add_error("ends_at", "The end is before the start.")
            elif end < start:
                self.add_error("ends_at", "The end is before the start.")
        if (
            start
            and not end
            and not data.get("all_day")
            and data.get("kind")
            not in (
                EventKind.DEADLINE,
                EventKind.REMINDER,
            )
        ):
            data["ends_at"] = start + dt.timedelta(hours=1)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments for event_create / event_update."""
        data = dict(self.cleaned_data)
        data.pop("confirm", None)
        if self.computed:
            for name in ("kind", "matter", "starts_at", "ends_at", "all_day"):
                data.pop(name, None)
        data["attendee_users"] = list(data.get("attendee_users") or [])
        data["attendee_contacts"] = list(data.get("attendee_contacts") or [])
        return data


def event_initial(event: Event) -> dict[str, Any]:
    """Form initial values from an event (all-day ends shown inclusive)."""
    ends = event.ends_at
    if event.all_day and ends is not None:
        ends = ends - dt.timedelta(days=1)
    return {
        "kind": event.kind,
        "title": event.title,
        "matter": event.matter,
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(ends) if ends else None,
        "all_day": event.all_day,
        "location": event.location,
        "notes": event.notes,
        "attendee_users": list(User.objects.filter(attending__event=event)),
        "attendee_contacts": list(
            event.attendees.filter(contact__isnull=False).values_list("contact_id", flat=True)
        ),
    }


class TaskFilterForm(forms.Form):
    who = forms.ChoiceField(
        choices=[("mine", "Assigned to me"), ("all", "All I can see")], required=False
    )
    status = forms.ChoiceField(
        choices=[(TaskStatus.OPEN, "Open"), (TaskStatus.DONE, "Done")], required=False
    )


class TaskForm(forms.Form):
    """A to-do: what, who, by when, and (optionally) the matter and deadline it serves."""

    title = forms.CharField(max_length=BIG, error_messages={"required": "Say what is to be done."})
    assignee = _UserField(queryset=None, required=False, empty_label="— Nobody yet —")
    due_date = forms.DateField(
        required=False,
        label="Due date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a valid date (YYYY-MM-DD)."},
    )
    matter = _MatterField(queryset=None, required=False, empty_label="— No matter —")
    deadline = _DeadlineField(
        queryset=None,
        required=False,
        empty_label="— Not tied to a deadline —",
        label="Deadline it serves",
        help_text="The task's matter follows the deadline's matter.",
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=BIG
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_choices()
        self.fields["matter"].queryset = visible_matters(user).order_by("-number")
        soon = timezone.now() - dt.timedelta(days=60)
        self.fields["deadline"].queryset = (
            visible_events(user)
            .filter(kind=EventKind.DEADLINE, starts_at__gte=soon)
            .exclude(status=EventStatus.CANCELLED)
            .select_related("matter")
            .order_by("starts_at")
        )

    def clean_title(self) -> str:
        try:
            return clean_text(
                self.cleaned_data.get("title"),
                field="title",
                label="Title",
                limit=TITLE_LIMIT,
                required=True,
            )
        except ServiceError as exc:
            raise _as_validation(exc) from exc

    def clean_due_date(self) -> dt.date | None:
        value = self.cleaned_data.get("due_date")
        if value is not None:
            try:
                check_year(value, field="due_date", label="The due date")
            except ServiceError as exc:
                raise _as_validation(exc) from exc
        return value
