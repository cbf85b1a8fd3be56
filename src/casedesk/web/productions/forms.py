"""Forms of the productions pages: a production's settings, a binder's, and the chosen
documents (ticked rows with an order and per-document fields, read from the POST)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict

from casedesk.web.productions.models import DEFAULT_DIGITS, MAX_DIGITS, MIN_DIGITS, Position
from casedesk.web.productions.services import FONTS, MAX_SIZE, MIN_SIZE

DIGIT_CHOICES = [(n, str(n)) for n in range(MIN_DIGITS, MAX_DIGITS + 1)]
FONT_CHOICES = [(f, f.replace("-", " ")) for f in FONTS]


class ProductionForm(forms.Form):
    """A production's numbering and stamp (the documents come from the table)."""

    prefix = forms.CharField(
        label="Bates prefix",
        max_length=20,
        help_text="Letters, digits, '_', '-' or '.'; no spaces (it becomes part of file names).",
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "prefixes"}),
    )
    digits = forms.TypedChoiceField(
        label="Digits", choices=DIGIT_CHOICES, coerce=int, initial=DEFAULT_DIGITS
    )
    start = forms.IntegerField(
        label="Start at",
        required=False,
        min_value=1,
        help_text="Leave empty to continue the prefix's numbering.",
    )
    volume = forms.CharField(
        label="Volume name",
        max_length=30,
        required=False,
        help_text="Names the volume's folder and load files; empty: the prefix and a number.",
    )
    position = forms.ChoiceField(
        label="Position", choices=Position.choices, initial=Position.BOTTOM_RIGHT
    )
    font = forms.ChoiceField(label="Font", choices=FONT_CHOICES, initial="Helvetica-Bold")
    size = forms.FloatField(
        label="Size (points)", min_value=MIN_SIZE, max_value=MAX_SIZE, initial=10
    )
    combined = forms.BooleanField(label="Also one combined PDF of the whole volume", required=False)


class BinderForm(forms.Form):
    """A binder's title and options (the documents come from the table)."""

    title = forms.CharField(label="Title", max_length=200)
    subtitle = forms.CharField(
        label="Subtitle",
        max_length=300,
        required=False,
        help_text="For example the case caption or the hearing.",
    )
    page_numbers = forms.BooleanField(
        label="Number the binder's pages (Page 17 of 204)", required=False, initial=True
    )
    bates_prefix = forms.CharField(
        label="Label prefix",
        max_length=20,
        required=False,
        help_text="Optional binder labels on the documents' pages (e.g. TAB); not a production "
        "prefix.",
    )
    bates_start = forms.IntegerField(label="First label number", min_value=1, initial=1)
    bates_digits = forms.TypedChoiceField(
        label="Label digits", choices=DIGIT_CHOICES, coerce=int, initial=DEFAULT_DIGITS
    )
    bates_position = forms.ChoiceField(
        label="Label position", choices=Position.choices, initial=Position.BOTTOM_RIGHT
    )


@dataclass
class PickedRow:
    """One document row of the picker as the page shows it (ticked or not, with its fields)."""

    document: Any
    ticked: bool
    order: str
    fields: dict[str, str]


def picked_ids(data: QueryDict) -> list[int]:
    """The ticked document ids in the order the user gave (then the table's order)."""
    ids: list[int] = []
    for raw in data.getlist("documents"):
        try:
            value = int(raw)
        except (TypeError, ValueError):
            continue
        if value not in ids:
            ids.append(value)
    table = [int(v) for v in data.getlist("row") if str(v).isdigit()]
    place = {pk: i for i, pk in enumerate(table)}

    def key(pk: int) -> tuple[float, int]:
        try:
            order = float(data.get(f"order_{pk}", "") or "inf")
        except ValueError:
            order = float("inf")
        return order, place.get(pk, len(place))

    return sorted(ids, key=key)


def per_document(data: QueryDict, field: str, ids: list[int]) -> dict[int, str]:
    """The value of ``<field>_<id>`` for each ticked document."""
    return {pk: data.get(f"{field}_{pk}", "") for pk in ids}


def picker_rows(
    documents: list[Any],
    *,
    data: QueryDict | None,
    ticked: set[int],
    defaults: dict[str, Any],
) -> list[PickedRow]:
    """The rows of the document picker: from the POST when re-showing the form, else the
    given ticks and per-document defaults (``defaults[field](document) -> str``)."""
    rows = []
    for index, document in enumerate(documents, start=1):
        if data is not None:
            is_ticked = str(document.pk) in data.getlist("documents")
            order = data.get(f"order_{document.pk}", "")
            values = {f: data.get(f"{f}_{document.pk}", "") for f in defaults}
        else:
            is_ticked = document.pk in ticked
            order = str(index)
            values = {f: make(document) for f, make in defaults.items()}
        rows.append(PickedRow(document, is_ticked, order, values))
    return rows
