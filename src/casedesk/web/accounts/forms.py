"""Forms for signing in and user administration. They only shape input; services validate."""

from __future__ import annotations

from django import forms

from casedesk.web.accounts.models import Role


class SignInForm(forms.Form):
    username = forms.CharField(
        label="User name",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label="User name", help_text="What they type to sign in: letters, digits and @.+-_ only."
    )
    full_name = forms.CharField(label="Full name")
    email = forms.EmailField(label="E-mail", required=False)
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.SECRETARY)
    bar_number = forms.CharField(label="Bar number", required=False, help_text="Attorneys only.")
    password = forms.CharField(
        label="Initial password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters, not a common password, not like the user name.",
    )


class UserEditForm(forms.Form):
    full_name = forms.CharField(label="Full name")
    role = forms.ChoiceField(label="Role", choices=Role.choices)


class WallCreateForm(forms.Form):
    user = forms.TypedChoiceField(label="Screened user", coerce=int, choices=())
    matter_number = forms.CharField(
        label="Matter number",
        help_text="Type part of the number or title and pick the matter from the list.",
        widget=forms.TextInput(
            attrs={
                "list": "matter-options",
                "autocomplete": "off",
                "hx-get": "/users/walls/matters/",
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#matter-options",
            }
        ),
    )
    reason = forms.CharField(
        label="Reason",
        help_text="E.g. 'lateral hire: formerly represented the adverse party'.",
        widget=forms.TextInput(),
    )

    def __init__(self, *args: object, users: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["user"].choices = [("", "Choose a user…"), *users]  # type: ignore[attr-defined]
