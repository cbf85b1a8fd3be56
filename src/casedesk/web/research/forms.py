"""Forms of the research pages (file inputs are read from ``request.FILES`` in the views)."""

from __future__ import annotations

from typing import Any

from django import forms

from casedesk.web.access import visible_matters
from casedesk.web.research.court_names import court_name
from casedesk.web.research.import_services import FORMATS

SORT_CHOICES = [
    ("relevance", "Relevance"),
    ("date", "Newest first"),
    ("cited", "Most cited"),
]
FORMAT_CHOICES = [
    ("auto", "Recognise it (JSONL, CourtListener, CAP, PDF/Word/text)"),
    ("jsonl", "casedesk JSONL (one opinion per line)"),
    ("courtlistener", "CourtListener opinion or cluster JSON"),
    ("cap", "Caselaw Access Project case JSON"),
    ("files", "Opinions as PDF, Word (.docx) or text files"),
]
assert [c for c, _ in FORMAT_CHOICES] == list(FORMATS)


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, max_length=1000)
    court = forms.ChoiceField(label="Court", required=False)
    year_from = forms.IntegerField(label="From year", required=False, min_value=1600)
    year_to = forms.IntegerField(label="To year", required=False, min_value=1600)
    sort = forms.ChoiceField(label="Sort by", choices=SORT_CHOICES, required=False)
    boost_recent = forms.BooleanField(label="Prefer recent opinions", required=False)
    boost_cited = forms.BooleanField(label="Prefer often-cited opinions", required=False)

    def __init__(self, *args: Any, courts: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = [("", "Any court")] + [
            (c, court_name(c)) for c in courts or []
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("year_from"), data.get("year_to")
        if low and high and low > high:
            self.add_error("year_to", "The end year is before the start year.")
        return data


class LookupForm(forms.Form):
    citations = forms.CharField(
        label="Citations",
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "410 U.S. 113\n347 U.S. 483"}),
        help_text="One citation, or a list: one per line or separated by semicolons.",
    )


class MatterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} · {obj.title}"


class CiteCheckForm(forms.Form):
    matter = MatterChoice(
        queryset=None,
        required=False,
        label="Matter (optional)",
        help_text="The report is kept with the matter; without one only you see it.",
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = visible_matters(user).order_by("-number")  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    format = forms.ChoiceField(label="Format", choices=FORMAT_CHOICES, initial="auto")


class AuthorityForm(forms.Form):
    """Save an opinion (on its page) or a typed citation (on the matter page) to a matter."""

    matter = MatterChoice(queryset=None, label="Matter")
    citation = forms.CharField(label="Citation", max_length=300, required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    tags = forms.CharField(
        label="Tags",
        max_length=500,
        required=False,
        help_text="Separated by commas: “key authority, adverse”.",
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = visible_matters(user).order_by("-number")  # type: ignore[attr-defined]


class AuthorityEditForm(forms.Form):
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    tags = forms.CharField(label="Tags", max_length=500, required=False)


class AuthorityAddForm(forms.Form):
    """Add an authority to the matter whose page this is, by its citation."""

    citation = forms.CharField(
        label="Citation",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "410 U.S. 113"}),
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    tags = forms.CharField(label="Tags", max_length=500, required=False)
