"""Forms for the contacts pages. They only shape input; the services validate and save."""

from __future__ import annotations

from django import forms

from casedesk.web.contacts.models import AliasKind, ContactKind, RelationshipKind

ALIAS_ROWS = 3


class ContactCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label="This contact is a",
        choices=ContactKind.choices,
        initial=ContactKind.PERSON,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label="Name",
        help_text="Full name as written, in any script (e.g. Nguyễn Thị Minh Khai, محمد بن علي, 王小明).",
    )
    email = forms.CharField(label="E-mail", required=False, widget=forms.EmailInput())
    phone = forms.CharField(label="Phone", required=False)
    street = forms.CharField(label="Street", required=False)
    city = forms.CharField(label="City", required=False)
    region = forms.CharField(label="State / region", required=False)
    postal_code = forms.CharField(label="Postal code", required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for i in range(1, ALIAS_ROWS + 1):
            self.fields[f"alias_{i}"] = forms.CharField(label=f"Other name {i}", required=False)
            self.fields[f"alias_kind_{i}"] = forms.ChoiceField(
                label=f"Kind of other name {i}",
                choices=AliasKind.choices,
                initial=AliasKind.OTHER,
                required=False,
            )

    def alias_pairs(self) -> list[tuple[str, str]]:
        """The (name, kind) pairs typed in the other-name rows."""
        data = self.cleaned_data
        return [
            (data.get(f"alias_{i}", ""), data.get(f"alias_kind_{i}") or AliasKind.OTHER)
            for i in range(1, ALIAS_ROWS + 1)
            if (data.get(f"alias_{i}") or "").strip()
        ]


class ContactEditForm(forms.Form):
    name = forms.CharField(
        label="Name", help_text="The old name is kept as a former name, for conflict checks."
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class AliasForm(forms.Form):
    name = forms.CharField(label="Other name")
    kind = forms.ChoiceField(label="Kind", choices=AliasKind.choices, initial=AliasKind.OTHER)


class RelationshipForm(forms.Form):
    direction = forms.ChoiceField(
        label="Direction",
        choices=[("out", "This contact is …"), ("in", "The other contact is …")],
        initial="out",
    )
    kind = forms.ChoiceField(label="Relationship", choices=RelationshipKind.choices)
    to_contact = forms.IntegerField(label="Other contact", widget=forms.HiddenInput, required=False)
