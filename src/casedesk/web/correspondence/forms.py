"""Forms of the correspondence pages: log an entry, write an e-mail, upload a message.

Forms only parse what was typed (dates, choices); the services decide what is allowed and
their one-sentence refusals are put back on the field they name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from casedesk.web.accounts.models import User
from casedesk.web.correspondence.models import CommunicationDirection, CommunicationKind
from casedesk.web.correspondence.services import FollowUp
from casedesk.web.errors import ServiceError

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
BAD_DATETIME = "Give the date and time as YYYY-MM-DD HH:MM (for example 2027-03-04 14:30)."


class _UserField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


def now_local() -> str:
    """Now, as the datetime-local input wants it."""
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class CommunicationForm(forms.Form):
    """One entry of the log, with an optional follow-up task."""

    kind = forms.ChoiceField(choices=CommunicationKind.choices, label="Kind")
    occurred_at = forms.DateTimeField(
        label="Date and time",
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": BAD_DATETIME, "required": BAD_DATETIME},
    )
    direction = forms.ChoiceField(
        choices=CommunicationDirection.choices,
        label="Direction",
        help_text="Incoming: they called or wrote to us. Outgoing: we called or wrote to them.",
    )
    participants = forms.CharField(
        required=False,
        label="Who took part",
        help_text="Names, and numbers or addresses if useful.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    subject = forms.CharField(required=False, label="Subject")
    summary = forms.CharField(
        required=False,
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text="What was said or agreed.",
    )
    follow_up_title = forms.CharField(
        required=False,
        label="Follow-up task",
        help_text="Optional: a to-do to create with this entry, e.g. “Send the signed lease”.",
    )
    follow_up_due_date = forms.DateField(
        required=False,
        label="Follow-up due date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Give the due date as YYYY-MM-DD."},
    )
    follow_up_assignee = _UserField(
        queryset=User.objects.none(),
        required=False,
        label="Follow-up assigned to",
        empty_label="— Me —",
    )

    def __init__(self, *args: Any, with_follow_up: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_follow_up:
            self.fields["follow_up_assignee"].queryset = User.objects.filter(  # type: ignore[attr-defined]
                is_active=True
            ).order_by("full_name", "username")
        else:
            for name in ("follow_up_title", "follow_up_due_date", "follow_up_assignee"):
                del self.fields[name]

    def entry(self) -> dict[str, Any]:
        """The entry's fields for the service."""
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in ("kind", "direction", "occurred_at", "participants", "subject", "summary")
        }

    def follow_up(self, user: Any) -> FollowUp | None:
        """The follow-up asked for, or None; a due date or assignee without a title is refused."""
        data = self.cleaned_data
        title = (data.get("follow_up_title") or "").strip()
        due: dt.date | None = data.get("follow_up_due_date")
        assignee = data.get("follow_up_assignee")
        if not title:
            if due is not None or assignee is not None:
                raise ServiceError(
                    "Give the follow-up task a title (what is to be done).",
                    field="follow_up_title",
                )
            return None
        return FollowUp(title=title, due_date=due, assignee=assignee or user)


class LogFilterForm(forms.Form):
    """?kind=call"""

    kind = forms.ChoiceField(
        choices=[("", "All kinds"), *CommunicationKind.choices], required=False, label="Kind"
    )


class _DocumentChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        version = obj.current_version
        name = version.filename if version else "no file"
        size = f", {version.size:,} bytes" if version else ""
        return f"{name} — {obj.title} ({obj.category.name}{size})"


class EmailForm(forms.Form):
    """An e-mail to write: addresses, subject, message, and documents of the matter to attach."""

    to = forms.CharField(
        label="To",
        help_text="One or more addresses, separated by commas.",
        error_messages={"required": "Give at least one address to send to."},
    )
    cc = forms.CharField(required=False, label="Cc")
    subject = forms.CharField(
        label="Subject", error_messages={"required": "Give the e-mail a subject."}
    )
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 12, "dir": "auto"}),
        error_messages={"required": "Write the message before sending it."},
    )
    attachments = _DocumentChoices(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="Attach documents of this matter",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].queryset = documents


class MessageUploadForm(forms.Form):
    """One .eml or .msg file."""

    file = forms.FileField(
        label="E-mail message (.eml or .msg)",
        error_messages={
            "required": "Choose an .eml or .msg file to upload.",
            "empty": "That file is empty (0 bytes); nothing was filed.",
        },
    )
