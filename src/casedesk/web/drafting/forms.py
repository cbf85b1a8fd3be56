"""Forms of the drafting pages. They check the shape of input; the services decide the rest
and their one-sentence messages are shown next to the form.

The questions asked before a document is generated are not a Django form: they are built
from the template (``core.drafting.questions``) and shown by ``drafting/_questions.html``,
with the answers parsed by the core (see :func:`question_rows`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from casedesk.web.drafting.models import TemplateKind

BIG = 20_000  # accept long input so the service's own message is shown
_YES = ("yes", "y", "true", "on", "1")  # what a yes/no answer reads as "yes"


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
        return self.value.strip().lower() in _YES

    @property
    def help(self) -> str:
        """The hint under the question; a money example is written as "5,000.00"."""
        text = str(self.question.help or "")
        if self.question.type == "money":
            text = _PLAIN_AMOUNT.sub(lambda m: amount_text(m.group(0)), text)
        return text


_PLAIN_AMOUNT = re.compile(r"(?<![\d,.])\d{4,}(?:\.\d{1,2})?(?![\d,])")


def amount_text(value: str) -> str:
    """A plain amount as the form shows it: "5000.00" -> "5,000.00" (other text unchanged)."""
    try:
        amount = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return value
    if not amount.is_finite():
        return value
    return f"{amount:,.2f}"


def input_id(name: str) -> str:
    """The id of the input of the question ``name`` (``fee.hourly_rate`` -> ``q-fee-hourly-rate``)."""
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
        else:
            value = saved.get(q.name, q.suggestion)
            if q.type == "money" and value:
                value = amount_text(value)
        rows.append(
            QuestionRow(
                question=q,
                value=value,
                error=errors.get(q.name, ""),
                saved=q.name in saved,
                input_id=input_id(q.name),
            )
        )
    return rows


@dataclass(frozen=True)
class AnswerLine:
    """One answer a document was generated with, as the result page shows it."""

    name: str
    label: str
    text: str


def answer_lines(answers: Mapping[str, Any]) -> list[AnswerLine]:
    """The saved answers (name -> text; dates ISO, yes/no, money "5000.00") labelled from the
    field dictionary and formatted for reading: "$5,000.00", "Feb 4, 2027", "Yes"."""
    from casedesk.core.drafting import filters
    from casedesk.core.drafting.dictionary import lookup
    from casedesk.core.drafting.questions import label_from_name, type_from_name

    lines = []
    for name, value in answers.items():
        entry = lookup(str(name))
        label = entry.label if entry is not None else label_from_name(str(name))
        kind = entry.type if entry is not None else type_from_name(str(name))
        text = "" if value is None else str(value)
        try:
            if isinstance(value, bool) or kind == "yesno":
                yes = value if isinstance(value, bool) else text.strip().lower() in _YES
                text = "Yes" if yes else "No"
            elif kind == "money" and text.strip():
                text = filters.money(text.replace(",", ""))
            elif kind == "date" and text.strip():
                day = dt.date.fromisoformat(text.strip())
                text = f"{day:%b} {day.day}, {day.year}"
            elif kind == "choice" and entry is not None:
                text = dict(entry.choices).get(text, text)
        except (ValueError, TypeError, ArithmeticError):
            pass  # shown as it was saved
        lines.append(AnswerLine(str(name), label, text))
    return lines
