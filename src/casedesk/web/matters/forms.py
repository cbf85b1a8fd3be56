"""Forms of the matters pages. They check the shape of the input; services decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from casedesk.web.accounts.models import Role, User
from casedesk.web.contacts.models import Contact, ContactKind
from casedesk.web.errors import ServiceError, clean_name
from casedesk.web.matters.models import MatterStatus, PartyRole, PracticeArea, TeamRole
from casedesk.web.matters.selectors import SORTS

OTHER_PARTY_ROLES = [
    (PartyRole.ADVERSE.value, "Adverse party"),
    (PartyRole.OPPOSING_COUNSEL.value, "Opposing counsel"),
    (PartyRole.CO_PARTY.value, "Co-party"),
    (PartyRole.WITNESS.value, "Witness"),
    (PartyRole.EXPERT.value, "Expert"),
    (PartyRole.RELATED.value, "Related party"),
]
KIND_CHOICES = [
    (ContactKind.PERSON.value, "Person"),
    (ContactKind.ORGANIZATION.value, "Organization"),
]
MAX_TEXT = 5000


def _name(value: str, label: str) -> str:
    """A name through the same rule the services use, as a form error."""
    try:
        return clean_name(value, field=label)
    except ServiceError as exc:
        raise ValidationError(exc.message) from exc


def _optional_short(value: str, label: str, limit: int) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        raise ValidationError(f"{label} is {len(value):,} characters long; the limit is {limit}.")
    return value


class _UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def attorney_choices() -> Any:
    """Active attorneys, for "responsible attorney"."""
    return User.objects.filter(is_active=True, role=Role.ATTORNEY).order_by("full_name", "username")


class IntakeForm(forms.Form):
    """Step 1 of intake: the prospective client and the matter."""

    client_name = forms.CharField(
        label="Prospective client's name",
        max_length=20_000,
        error_messages={"required": "Type the prospective client's name."},
    )
    client_kind = forms.ChoiceField(
        label="Client is a", choices=KIND_CHOICES, widget=forms.RadioSelect, initial="person"
    )
    client_aliases = forms.CharField(
        label="Other names (one per line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Maiden or former names, nicknames, trade names (d/b/a). Each is checked for conflicts.",
    )
    client_email = forms.EmailField(label="E-mail", required=False, max_length=254)
    client_phone = forms.CharField(label="Phone", required=False, max_length=40)
    title = forms.CharField(
        label="Matter title",
        max_length=20_000,
        help_text="For example: O'Brien v. Acme Holdings",
        error_messages={
            "required": "Give the matter a title, e.g. the client's name and the subject."
        },
    )
    practice_area = forms.ChoiceField(
        label="Practice area",
        choices=[("", "Choose...")] + list(PracticeArea.choices),
        error_messages={"required": "Choose the practice area."},
    )
    court = forms.CharField(label="Court", required=False, max_length=20_000)
    case_number = forms.CharField(label="Case number", required=False, max_length=20_000)
    responsible_attorney = _UserChoiceField(
        label="Responsible attorney",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not yet chosen",
    )
    number = forms.CharField(
        label="Matter number",
        required=False,
        max_length=20_000,
        help_text="Leave blank to number the matter automatically.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_attorney"].queryset = attorney_choices()

    def clean_client_name(self) -> str:
        return _name(self.cleaned_data["client_name"], "The client's name")

    def clean_title(self) -> str:
        return _name(self.cleaned_data["title"], "The matter title")

    def clean_client_aliases(self) -> list[str]:
        aliases = []
        for line in (self.cleaned_data.get("client_aliases") or "").splitlines():
            if line.strip():
                aliases.append(_name(line, "Each other name"))
        return aliases

    def clean_court(self) -> str:
        return _optional_short(self.cleaned_data.get("court", ""), "The court", 200)

    def clean_case_number(self) -> str:
        return _optional_short(self.cleaned_data.get("case_number", ""), "The case number", 80)

    def clean_number(self) -> str:
        value = _optional_short(self.cleaned_data.get("number", ""), "The matter number", 40)
        return value


class PartyRowForm(forms.Form):
    """One "other party" row of the intake form. A row with no name is ignored."""

    name = forms.CharField(label="Name", required=False, max_length=20_000)
    kind = forms.ChoiceField(label="Kind", choices=KIND_CHOICES, initial="organization")
    role = forms.ChoiceField(
        label="Role", choices=OTHER_PARTY_ROLES, initial=PartyRole.ADVERSE.value
    )

    def clean_name(self) -> str:
        value = self.cleaned_data.get("name", "")
        return _name(value, "The party's name") if value.strip() else ""


PartyFormSet = forms.formset_factory(
    PartyRowForm, extra=1, max_num=40, validate_max=True, absolute_max=60
)


class MatterFilterForm(forms.Form):
    """Search, filter and sort of the matters list (GET)."""

    q = forms.CharField(label="Search", required=False, max_length=500)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status")] + list(MatterStatus.choices)
    )
    area = forms.ChoiceField(
        label="Practice area",
        required=False,
        choices=[("", "Any practice area")] + list(PracticeArea.choices),
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("-number", "Number (newest first)"),
            ("number", "Number (oldest first)"),
            ("title", "Title (A-Z)"),
            ("-title", "Title (Z-A)"),
            ("status", "Status"),
            ("-opened", "Opened (newest first)"),
            ("opened", "Opened (oldest first)"),
        ],
    )

    def clean_sort(self) -> str:
        value = self.cleaned_data.get("sort") or "-number"
        return value if value in SORTS else "-number"


class MatterEditForm(forms.Form):
    """The matter's descriptive fields."""

    title = forms.CharField(
        label="Matter title",
        max_length=20_000,
        error_messages={"required": "The matter needs a title."},
    )
    court = forms.CharField(label="Court", required=False, max_length=20_000)
    case_number = forms.CharField(label="Case number", required=False, max_length=20_000)
    judge = forms.CharField(label="Judge", required=False, max_length=20_000)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    restricted = forms.BooleanField(
        label="Restricted: only the matter's team (and administrators) may see it", required=False
    )
    responsible_attorney = _UserChoiceField(
        label="Responsible attorney",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not yet chosen",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_attorney"].queryset = attorney_choices()

    def clean_title(self) -> str:
        return _name(self.cleaned_data["title"], "The matter title")

    def clean_court(self) -> str:
        return _optional_short(self.cleaned_data.get("court", ""), "The court", 200)

    def clean_case_number(self) -> str:
        return _optional_short(self.cleaned_data.get("case_number", ""), "The case number", 80)

    def clean_judge(self) -> str:
        return _optional_short(self.cleaned_data.get("judge", ""), "The judge", 200)

    def clean_description(self) -> str:
        value = self.cleaned_data.get("description", "")
        if len(value) > 20_000:
            raise ValidationError(
                f"The description is {len(value):,} characters long; the limit is 20,000."
            )
        return value


class PartyAddForm(forms.Form):
    """Add a party to a matter: a new name, or a contact already on file."""

    contact = forms.ModelChoiceField(
        label="Or pick someone already on file",
        queryset=Contact.objects.none(),
        required=False,
        empty_label="(new name)",
    )
    name = forms.CharField(label="Name", required=False, max_length=20_000)
    kind = forms.ChoiceField(label="Kind", choices=KIND_CHOICES, initial="person")
    role = forms.ChoiceField(
        label="Role on this matter", choices=PartyRole.choices, initial=PartyRole.ADVERSE.value
    )

    def __init__(self, *args: Any, contacts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if contacts is not None:
            self.fields["contact"].queryset = contacts.order_by("name", "id")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        name = (data.get("name") or "").strip()
        if not data.get("contact"):
            if not name:
                raise ValidationError("Type the party's name, or pick someone already on file.")
            try:
                data["name"] = _name(name, "The party's name")
            except ValidationError as exc:
                self.add_error("name", exc)
        return data


class TeamMemberForm(forms.Form):
    """Put a colleague on the matter's team."""

    user = _UserChoiceField(label="Colleague", queryset=User.objects.none())
    role = forms.ChoiceField(
        label="Role on the team", choices=TeamRole.choices, initial=TeamRole.SECRETARY.value
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).exclude(
            role=Role.READONLY
        )


class DispositionForm(forms.Form):
    """The reviewer's decision on one hit."""

    disposition = forms.ChoiceField(
        choices=[
            ("cleared", "Cleared"),
            ("waiver", "Waiver obtained"),
            ("decline", "Conflict: decline"),
        ],
        error_messages={"required": "Choose cleared, waiver obtained, or conflict: decline."},
    )
    note = forms.CharField(
        required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeclineForm(forms.Form):
    """Why the firm declines the matter."""

    reason = forms.CharField(
        label="Reason for declining",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the matter is declined."},
    )


class AdhocSearchForm(forms.Form):
    """Names to check, one per line."""

    names = forms.CharField(
        label="Names to check (one per line)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=200_000,
        error_messages={"required": "Type at least one name to check, one per line."},
    )
    kind = forms.ChoiceField(
        label="These are",
        choices=[
            ("auto", "Let casedesk tell (person or organization)"),
            ("person", "People"),
            ("organization", "Organizations"),
        ],
        initial="auto",
        widget=forms.RadioSelect,
    )


__all__ = [
    "AdhocSearchForm",
    "DeclineForm",
    "DispositionForm",
    "IntakeForm",
    "MatterEditForm",
    "MatterFilterForm",
    "PartyAddForm",
    "PartyFormSet",
    "PartyRowForm",
    "TeamMemberForm",
]
