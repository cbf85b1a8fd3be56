"""Forms of the drafting pages. They check the shape of input; the services decide the rest
and their one-sentence messages are shown next to the form.

The questions asked before a document is generated are not a Django form: they are built
from the template (``core.drafting.questions``) and shown by ``drafting/_questions.html``,
with the answers parsed by the core (see :func:`question_rows`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms

from casedesk.web.drafting.models import TemplateKind

BIG = 20_000  # accept long input so the service's own message is shown


class TemplateUploadForm(forms.Form):
    """A new template: its name, what it makes, and the Word file."""

    name = forms.CharField(
        label="Template name",
        max_length=BIG,
        help_text="As the firm calls it, e.g. “Engagement letter (hourly)”.",
    )
    kind = forms.ChoiceField(
        label="What it makes",
        choices=TemplateKind.choices,
        initial=TemplateKind.LETTER,
        help_text="Letters, cover sheets and e-mails are filed as correspondence, the rest as pleadings.",
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=BIG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    file = forms.FileField(
        label="Word file (.docx)",
        help_text="A Word document with fields such as {{ client.name }}; macro-enabled files (.docm) are refused.",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )


class TemplateVersionForm(forms.Form):
    """A new version of a template's Word file."""

    file = forms.FileField(
        label="Word file (.docx)", widget=forms.ClearableFileInput(attrs={"accept": ".docx"})
    )
    comment = forms.CharField(
        label="What changed", required=False, max_length=BIG, help_text="Optional."
    )


class FirmProfileForm(forms.Form):
    """The firm details templates are filled with."""

    name = forms.CharField(label="Firm name", max_length=BIG)
    address = forms.CharField(
        label="Address",
        required=False,
        max_length=BIG,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As it should appear on letterhead, one line per line.",
    )
    phone = forms.CharField(label="Phone", required=False, max_length=BIG)
    fax = forms.CharField(label="Fax", required=False, max_length=BIG)
    email = forms.CharField(label="E-mail", required=False, max_length=BIG)
    website = forms.CharField(label="Website", required=False, max_length=BIG)


@dataclass(frozen=True)
class QuestionRow:
    """One question as the form shows it: the core question, the text in the box, its error."""

    question: Any  # core.drafting.questions.Question
    value: str
    error: str
    saved: bool  # answered before for this matter
    input_id: str

    @property
    def name(self) -> str:
        return str(self.question.name)

    @property
    def is_yes(self) -> bool:
        return self.value.strip().lower() in ("yes", "y", "true", "on", "1")


def _input_id(name: str) -> str:
    return "q-" + "".join(ch if ch.isalnum() else "-" for ch in name)


def question_rows(
    questions: Sequence[Any],
    values: Mapping[str, str],
    saved: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
) -> list[QuestionRow]:
    """The rows of the questions form: each question with its value (what was typed, else the
    saved answer, else the suggestion) and its error."""
    errors = errors or {}
    rows = []
    for q in questions:
        if q.name in values:
            value = str(values[q.name])
        elif q.name in saved:
            value = saved[q.name]
        else:
            value = q.suggestion
        rows.append(
            QuestionRow(
                question=q,
                value=value,
                error=errors.get(q.name, ""),
                saved=q.name in saved,
                input_id=_input_id(q.name),
            )
        )
    return rows
