"""Forms of the trial pages. They check shapes (dates, choices); the services check the rest."""

from __future__ import annotations

from typing import Any

from django import forms

from casedesk.web.trial.models import ExhibitStatus, Party, Privilege, Treatment, WillCall

NUMBERING_CHOICES = [
    ("numbers", "1, 2, 3…"),
    ("letters", "A, B, C…"),
    ("bates", "By Bates number (the document's first page)"),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _text(label: str, *, required: bool = False, max_length: int = 300, **kw: Any) -> Any:
    return forms.CharField(label=label, required=required, max_length=max_length, **kw)


def _area(label: str, *, rows: int = 3, max_length: int = 5_000, **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


class MarkForm(forms.Form):
    """Mark chosen documents as one party's exhibits (the documents' checkboxes are read by
    the view, in the order the page lists them)."""

    party = forms.ChoiceField(label="Party", choices=Party.choices, widget=forms.RadioSelect)
    numbering = forms.ChoiceField(
        label="Numbering", choices=NUMBERING_CHOICES, initial="numbers", widget=forms.RadioSelect
    )
    start = _text(
        "Start at",
        max_length=10,
        help_text="Blank: continue after the party's last exhibit. Letters may start at a letter.",
    )
    proceeding = _text("Proceeding", max_length=200, help_text="Trial, or a hearing's name.")
    witness = _text("Witness", help_text="Shown on each sticker (optional).")
    date = forms.DateField(
        label="Date marked", required=False, widget=DateInput(), help_text="On the stickers."
    )


class PhysicalExhibitForm(forms.Form):
    """An exhibit that is not a document of the case file."""

    party = forms.ChoiceField(label="Party", choices=Party.choices)
    number = _text("Number", max_length=40)
    description = forms.CharField(
        label="Description", max_length=2_000, widget=forms.Textarea(attrs={"rows": 2})
    )
    witness = _text("Witness")
    date = forms.DateField(label="Date marked", required=False, widget=DateInput())
    proceeding = _text("Proceeding", max_length=200)


class ExhibitEditForm(forms.Form):
    number = _text("Number", required=True, max_length=40)
    description = forms.CharField(
        label="Description",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As it will read on the exhibit list.",
    )
    witness = _text("Sponsoring witness")
    bates = _text("Bates range", max_length=100)
    marked_on = forms.DateField(label="Date marked", required=False, widget=DateInput())


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ExhibitStatus.choices)
    on = forms.DateField(label="Date", required=False, widget=DateInput())
    note = _text("Note", max_length=500)


class DetailsForm(forms.Form):
    """The heading of the proceeding's lists (AO 187)."""

    caption = _text(
        "Caption", max_length=500, help_text="Blank: the matter's title (“Delgado v. Acme”)."
    )
    plaintiff_attorneys = _area("Plaintiff's attorneys", rows=3, max_length=2_000)
    defendant_attorneys = _area("Defendant's attorneys", rows=3, max_length=2_000)
    trial_dates = _text("Trial date(s)", max_length=200)
    court_reporter = _text("Court reporter", max_length=200)
    courtroom_deputy = _text("Courtroom deputy", max_length=200)


class WitnessForm(forms.Form):
    contact = forms.TypedChoiceField(
        label="From the matter's people",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Fills the name, address, telephone and e-mail you leave blank.",
    )
    name = _text("Name", max_length=500)
    address = _area("Address", rows=2, max_length=1_000)
    phone = _text("Telephone", max_length=60)
    email = _text("E-mail", max_length=254)
    party = forms.ChoiceField(label="Offered by", choices=Party.choices)
    will_call = forms.ChoiceField(
        label="Will or may call", choices=WillCall.choices, widget=forms.RadioSelect
    )
    by_deposition = forms.BooleanField(label="Testimony by deposition", required=False)
    deposition_designations = _area(
        "Designated pages and lines", rows=2, help_text="e.g. 12:3–14:22; 40:1–41:9"
    )
    notes = _area("Notes (not on the list)", rows=2)
    proceeding = _text("Proceeding", max_length=200)

    def __init__(self, *args: Any, contacts: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = [("", "—")] + [
            (c.pk, f"{c.name} ({role})") for c, role in contacts or []
        ]


class PrivilegeForm(forms.Form):
    date = forms.DateField(label="Date", required=False, widget=DateInput())
    doc_type = _text(
        "Type",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Email, letter, memorandum, notes…"}),
    )
    author = _text("Author / from", max_length=500)
    recipients_to = _area("To", rows=2)
    recipients_cc = _area("Cc", rows=2)
    recipients_bcc = _area("Bcc", rows=2)
    privilege = forms.ChoiceField(label="Privilege asserted", choices=Privilege.choices)
    privilege_other = _text("Other privilege", max_length=200)
    treatment = forms.ChoiceField(
        label="Treatment", choices=Treatment.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label="Description",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The kind of communication and its general subject, without revealing the "
        "advice (“Email requesting legal advice regarding lease renewal”).",
    )
    bates = _text("Bates (redacted documents)", max_length=100)
