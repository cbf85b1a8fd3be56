"""Forms of the chronology pages. They check shapes (lengths, choices); the services check the
rest (the date, who may be named, which documents may be cited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html

DATE_HELP = (
    "As precise as you know it: Mar. 5, 2024 · 3/5/2024 · March 2024 · 2024 · Q1 2024 · "
    "c. 2019 · before June 1, 2021 · after Jan. 5, 2020 · between 2020-01-01 and "
    "2020-03-01. Leave blank when the date is unknown."
)


def _text(label: str, *, required: bool = False, max_length: int = 300, **kw: Any) -> Any:
    return forms.CharField(label=label, required=required, max_length=max_length, **kw)


class FactForm(forms.Form):
    """One fact. ``parties`` are the matter's contacts (ticked), ``other_people`` names any
    other contact; ``issues`` the firm's issues, ``new_issues`` typed ones (made on save)."""

    date_text = _text(
        "Date",
        max_length=100,
        help_text=DATE_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "e.g. March 2024"}),
    )
    description = forms.CharField(
        label="What happened",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    people = forms.MultipleChoiceField(
        label="People of this matter",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_people = _text(
        "Other people",
        max_length=2_000,
        help_text="Any other contact, by name; separate names with ';'.",
        widget=forms.TextInput(attrs={"list": "contact-names", "dir": "auto"}),
    )
    issues = forms.MultipleChoiceField(
        label="Issues", required=False, widget=forms.CheckboxSelectMultiple
    )
    new_issues = _text(
        "New issues",
        max_length=1_000,
        help_text="Type issues that are not in the list; separate them with ';'.",
        widget=forms.TextInput(attrs={"list": "issue-names", "dir": "auto"}),
    )
    source_document = forms.ChoiceField(label="Source document", required=False)
    source_page = _text("Page", max_length=20, help_text="A page or pages: 4, 12-13.")
    source_bates = _text("Bates", max_length=40, help_text="ACME000101")
    material = forms.BooleanField(label="Material (a key fact)", required=False)
    disputed = forms.BooleanField(label="Disputed", required=False)
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def __init__(
        self,
        *args: Any,
        parties: list[tuple[Any, str]] = (),  # type: ignore[assignment]
        issues: list[Any] = (),  # type: ignore[assignment]
        documents: list[Any] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Names in any script: each isolated (<bdi>) so an Arabic name keeps its box on the left.
        self.fields["people"].choices = [
            (str(c.pk), format_html('<bdi>{}</bdi> <span class="muted">({})</span>', c.name, role))
            for c, role in parties
        ]
        self.fields["issues"].choices = [
            (str(i.pk), format_html("<bdi>{}</bdi>", i.name)) for i in issues
        ]
        self.fields["source_document"].choices = [("", "— none —")] + [
            (str(d.pk), d.title) for d in documents
        ]


class FilterForm(forms.Form):
    """The chronology table's filters (GET). Dates are read like a fact's date: "2024" from
    Jan. 1 to Dec. 31."""

    q = _text("Text", max_length=200, widget=forms.TextInput(attrs={"type": "search"}))
    issue = forms.ChoiceField(label="Issue", required=False)
    person = forms.ChoiceField(label="Person", required=False)
    material = forms.BooleanField(label="Material only", required=False)
    disputed = forms.BooleanField(label="Disputed only", required=False)
    date_from = _text(
        "From", max_length=100, widget=forms.TextInput(attrs={"placeholder": "e.g. 2024"})
    )
    date_to = _text(
        "To", max_length=100, widget=forms.TextInput(attrs={"placeholder": "e.g. June 2024"})
    )

    def __init__(
        self,
        *args: Any,
        issues: list[Any] = (),  # type: ignore[assignment]
        people: list[Any] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issue"].choices = [("", "Any issue")] + [(str(i.pk), i.name) for i in issues]
        self.fields["person"].choices = [("", "Anyone")] + [(str(p.pk), p.name) for p in people]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: Date, Description, People, Issues, Source, Page, Bates, Material, "
        "Disputed (the columns of the export). People and issues are separated by ';'.",
    )


class IssueForm(forms.Form):
    name = _text(
        "Name", required=True, max_length=100, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
