"""Forms of the document pages. They check the shape of input; the services decide the rest
(length limits, control characters, plausible dates, permissions), and their messages are shown
next to the form as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from casedesk.web.access import visible_matters
from casedesk.web.contacts.models import ContactKind
from casedesk.web.documents.document_services import DocumentDetails
from casedesk.web.documents.models import Category, Confidentiality, Direction
from casedesk.web.matters.models import PartyRole

BIG = 20_000  # accept long input so the service's own message ("... the limit is 300") is shown
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "Enter a date like 2027-03-15."}


def split_tags(value: str) -> list[str]:
    """The tags typed in one box, separated by commas (cleaned by the services)."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class _CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class _MatterField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} · {obj.title}"


def _check_year(value: dt.date | None, label: str) -> dt.date | None:
    if value is not None and not 1900 <= value.year <= 2100:
        raise forms.ValidationError(f"{label} {value:%Y-%m-%d} is not a plausible date.")
    return value


class UploadDetailsForm(forms.Form):
    """What the user says about a batch of files (each can be changed later on its page)."""

    category = _CategoryField(
        queryset=Category.objects.all(),
        required=False,
        empty_label="— Decide from the file —",
        help_text="E-mail goes to Correspondence, anything else to Internal, unless you choose.",
    )
    document_date = forms.DateField(
        label="Document date", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    direction = forms.ChoiceField(choices=Direction.choices, required=False)
    confidentiality = forms.ChoiceField(
        choices=Confidentiality.choices, initial=Confidentiality.NORMAL, required=False
    )
    privileged = forms.BooleanField(label="Privileged", required=False)
    tags = forms.CharField(
        required=False,
        max_length=BIG,
        help_text="Separate tags with commas, for example: hot doc, exhibit candidate",
    )

    def clean_document_date(self) -> dt.date | None:
        return _check_year(self.cleaned_data.get("document_date"), "Document date")

    def details(self) -> DocumentDetails:
        data = self.cleaned_data
        return DocumentDetails(
            category=data.get("category"),
            document_date=data.get("document_date"),
            direction=data.get("direction") or "",
            privileged=bool(data.get("privileged")),
            confidentiality=data.get("confidentiality") or Confidentiality.NORMAL,
            tags=tuple(split_tags(data.get("tags", ""))),
        )


class DocumentForm(forms.Form):
    """A document's description."""

    title = forms.CharField(
        max_length=BIG, error_messages={"required": "Give the document a title."}
    )
    category = _CategoryField(queryset=Category.objects.all(), empty_label=None)
    document_date = forms.DateField(
        label="Document date", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    author = forms.CharField(required=False, max_length=BIG)
    direction = forms.ChoiceField(choices=Direction.choices, required=False)
    tags = forms.CharField(required=False, max_length=BIG, help_text="Separate tags with commas.")
    privileged = forms.BooleanField(label="Privileged", required=False)
    confidentiality = forms.ChoiceField(choices=Confidentiality.choices)

    def clean_document_date(self) -> dt.date | None:
        return _check_year(self.cleaned_data.get("document_date"), "Document date")

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "category": data["category"],
            "document_date": data.get("document_date"),
            "author": data.get("author", ""),
            "direction": data.get("direction") or "",
            "privileged": bool(data.get("privileged")),
            "confidentiality": data["confidentiality"],
        }


def document_initial(document: Any) -> dict[str, Any]:
    return {
        "title": document.title,
        "category": document.category,
        "document_date": document.document_date,
        "author": document.author,
        "direction": document.direction,
        "tags": ", ".join(t.name for t in document.tags.all()),
        "privileged": document.privileged,
        "confidentiality": document.confidentiality,
    }


class CaseFileFilterForm(forms.Form):
    """?category=<slug>&tag=<name>&sort=<key>"""

    category = forms.CharField(required=False, max_length=60)
    tag = forms.CharField(required=False, max_length=60)
    sort = forms.CharField(required=False, max_length=20)


BULK_ACTIONS = [
    ("category", "Set category"),
    ("add_tag", "Add tag"),
    ("remove_tag", "Remove tag"),
    ("trash", "Move to trash"),
]


class BulkForm(forms.Form):
    """The action applied to the ticked documents of a case file."""

    action = forms.ChoiceField(
        choices=[("", "— Choose an action —"), *BULK_ACTIONS],
        error_messages={"required": "Choose what to do with the ticked documents."},
    )
    category = _CategoryField(
        queryset=Category.objects.all(), required=False, empty_label="— Category —"
    )
    tag = forms.CharField(required=False, max_length=BIG)
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in raw if str(v).isdigit()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        action = data.get("action")
        if not data.get("ids"):
            raise forms.ValidationError("Tick at least one document first.")
        if action == "category" and data.get("category") is None:
            self.add_error("category", "Choose the category to set.")
        if action in ("add_tag", "remove_tag") and not split_tags(data.get("tag", "")):
            self.add_error("tag", "Type the tag.")
        return data


class VersionForm(forms.Form):
    """Upload new content for a document."""

    file = forms.FileField(
        label="New version", error_messages={"required": "Choose the file of the new version."}
    )
    comment = forms.CharField(
        required=False, max_length=BIG, help_text="What changed, for example: signed copy"
    )
    check_in = forms.BooleanField(
        label="Check in (release my check-out)", required=False, initial=True
    )


class HoldForm(forms.Form):
    reason = forms.CharField(
        max_length=BIG,
        label="Reason for the hold",
        help_text="For example: litigation reasonably anticipated; preservation letter of 2027-01-05",
        error_messages={"required": "Say why the hold is placed."},
    )


class CategoryForm(forms.Form):
    name = forms.CharField(
        max_length=BIG,
        label="New category",
        error_messages={"required": "Type the name of the new category."},
    )


SORT_CHOICES = [("relevance", "Best match"), ("date", "Newest document date")]


class SearchForm(forms.Form):
    """?q=...&matter=&category=&tag=&date_from=&date_to=&sort=&page="""

    q = forms.CharField(required=False, max_length=2_000, label="Search for")
    matter = _MatterField(
        queryset=None,
        required=False,
        empty_label="All matters I can see",
        error_messages={"invalid_choice": "Choose one of your matters from the list."},
    )
    category = forms.ChoiceField(required=False)
    tag = forms.CharField(required=False, max_length=60)
    date_from = forms.DateField(
        label="Dated from", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    date_to = forms.DateField(
        label="to", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, label="Sort by")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = visible_matters(user).order_by("-number")
        self.fields["category"].choices = [
            ("", "Any category"),
            *Category.objects.values_list("slug", "name"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data


class ProposalConfirmForm(forms.Form):
    """The user's changes to a proposal before it is entered."""

    due_date = forms.DateField(
        label="Due date", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    role = forms.ChoiceField(choices=PartyRole.choices, required=False, label="Party role")
    kind = forms.ChoiceField(
        choices=ContactKind.choices, required=False, label="Person or organization"
    )
    name = forms.CharField(required=False, max_length=BIG)

    def clean_due_date(self) -> dt.date | None:
        return _check_year(self.cleaned_data.get("due_date"), "Due date")

    def edits(self, kind: str) -> dict[str, Any]:
        data = self.cleaned_data
        if kind == "deadline":
            due = data.get("due_date")
            return {"due_date": due.isoformat() if due else None}
        if kind == "contact":
            edits: dict[str, Any] = {}
            for name in ("role", "kind", "name"):
                value = (data.get(name) or "").strip()
                if value:
                    edits[name] = value
            return edits
        return {}
