"""Forms of the table-of-authorities pages (the brief's file is read from ``request.FILES``)."""

from __future__ import annotations

from typing import Any

from django import forms

from casedesk.core.toa.serialize import MAX_PASSIM
from casedesk.web.access import visible_matters
from casedesk.web.toa.selectors import matter_briefs

PASSIM_HELP = (
    "An authority cited on this many different pages or more shows “passim” instead of its "
    "pages (Word’s rule is 5; 0 never uses passim)."
)


class MatterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} · {obj.title}"


class DocumentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        version = obj.current_version
        name = version.filename if version is not None else ""
        return f"{obj.title} ({name}, version {version.number})" if version else obj.title


class ToaStartForm(forms.Form):
    """A brief to make the table of: an upload, or one of the matter's documents."""

    matter = MatterChoice(
        queryset=None,
        required=False,
        label="Matter (optional)",
        help_text="The table is kept with the matter; without one only you (and administrators) "
        "see it.",
    )
    document = DocumentChoice(
        queryset=None,
        required=False,
        label="Or a brief from the matter’s documents",
        empty_label="— upload a file instead —",
    )
    passim = forms.IntegerField(
        label="Passim from (pages)",
        min_value=0,
        max_value=MAX_PASSIM,
        initial=5,
        help_text=PASSIM_HELP,
        widget=forms.NumberInput(attrs={"class": "input-narrow"}),
    )
    paragraphs = forms.BooleanField(
        label="Refer to numbered paragraphs instead of pages (as N.D. R. App. P. 28(b)(2) asks)",
        required=False,
    )

    def __init__(self, *args: Any, user: Any = None, matter: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = visible_matters(user).order_by("-number")  # type: ignore[attr-defined]
        # The matter's filed PDF and Word documents to pick from: the matter picked (in the
        # link on GET, in the form on POST); a document picked without a matter brings its own.
        picked = matter
        if self.is_bound:
            raw = str(self.data.get("matter") or "")
            picked = visible_matters(user).filter(pk=raw).first() if raw.isdigit() else None
            briefs = matter_briefs(user, picked)
        elif picked is not None:
            briefs = matter_briefs(user, picked)
        else:
            briefs = matter_briefs(user, None).none()
        self.picked_matter = picked
        self.fields["document"].queryset = briefs  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        matter, document = data.get("matter"), data.get("document")
        if document is not None and matter is not None and document.matter_id != matter.pk:
            self.add_error("document", "That document belongs to another matter.")
        return data


class PassimForm(forms.Form):
    passim = forms.IntegerField(label="Passim from (pages)", min_value=0, max_value=MAX_PASSIM)


class RenameForm(forms.Form):
    key = forms.CharField(max_length=2000)
    authority = forms.CharField(label="Text of the entry", max_length=5000)


class MoveForm(forms.Form):
    key = forms.CharField(max_length=2000)
    category = forms.CharField(label="Move to", max_length=100)
