"""Questions for the fields a template needs that the matter cannot fill, and their answers.

``build_questions`` turns each missing field into a question (labelled and typed from the
field dictionary, or guessed from the name when the dictionary does not know it);
``parse_answers`` checks the typed-in answers and turns them into dates, booleans and
normalised amounts, reporting every problem at once; ``apply_answers`` puts them into the
render data without ever replacing what the matter already says.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from casedesk.core.drafting.dictionary import lookup
from casedesk.core.drafting.fields import DraftingError, TemplateField, missing_fields

FIRST_YEAR = 1900
LAST_YEAR = 2100
ANSWER_THIS = "Answer this question."
BAD_DATE = "Give a date as YYYY-MM-DD."
DATE_RANGE = f"Give a date between {FIRST_YEAR} and {LAST_YEAR}."
BAD_MONEY = "Give an amount of money like 5,000.00."
BAD_YESNO = "Answer yes or no."

_YES = {"yes", "y", "true", "on", "1"}
_NO = {"no", "n", "false", "off", "0", ""}
_MONEY_WORDS = {"amount", "fee", "fees", "rate"}
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONEY_SHAPE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?|\.\d{1,2}")
_NO_SUGGESTIONS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Question:
    """One thing to ask before a document can be generated.

    ``type`` is text, lines, date, money, yesno or choice; ``choices`` are (value, label)
    pairs; ``suggestion`` pre-fills the answer; a ``required`` question may not be left blank.
    """

    name: str
    label: str
    type: str
    help: str
    choices: tuple[tuple[str, str], ...]
    suggestion: str
    required: bool


class AnswerErrors(DraftingError):
    """Answers that cannot be used; ``errors`` maps each question's name to one sentence."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        plural = "answer needs" if len(self.errors) == 1 else "answers need"
        super().__init__(
            f"{len(self.errors)} {plural} correcting: "
            + "; ".join(f"{name}: {message}" for name, message in self.errors.items())
        )


def label_from_name(name: str) -> str:
    """A label for a field the dictionary does not know: ``hearing_room`` -> ``Hearing room``."""
    words = " ".join(re.sub(r"\[\d*\]", " ", name).replace(".", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:] if words else name


def type_from_name(name: str, kind: str = "value") -> str:
    """The question type guessed for an unknown field: ``…date`` is a date, ``…fee`` money...

    A condition (``{% if … %}``) is yes/no; a last word of ``date`` is a date; ``amount``,
    ``fee``, ``fees`` or ``rate`` is money; anything else is text.
    """
    if kind == "condition":
        return "yesno"
    last = re.split(r"[._\[\]]+", name.lower().strip("._[]"))[-1]
    if last == "date":
        return "date"
    if last in _MONEY_WORDS:
        return "money"
    return "text"


def _help(type_: str, example: str) -> str:
    """A short hint shown under a question."""
    if type_ == "date":
        return "Use the form YYYY-MM-DD" + (f", for example {example}." if example else ".")
    if type_ == "money":
        return "An amount in dollars, for example " + (f"{example}." if example else "5,000.00.")
    if type_ == "yesno":
        return "Yes or no."
    if type_ == "choice":
        return "Pick one."
    if type_ == "lines" and example:
        return "One item a line if there are several. For example: " + example.replace("\n", " / ")
    return f"For example: {example}" if example else ""


def join_names(names: Sequence[str]) -> str:
    """Names joined as a caption lists them: ``A``, ``A and B``, ``A, B and C``."""
    names = [" ".join(name.split()) for name in names if name and name.strip()]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _names(data: Mapping[str, Any], key: str) -> list[str]:
    items = data.get(key)
    if not isinstance(items, Sequence) or isinstance(items, str | bytes):
        return []
    return [str(item["name"]) for item in items if isinstance(item, Mapping) and item.get("name")]


def default_suggestions(data: Mapping[str, Any]) -> dict[str, str]:
    """Suggestions the data itself offers: plaintiffs from the clients, defendants from the adverse parties."""
    found = {
        "case.plaintiffs": join_names(_names(data, "clients")),
        "case.defendants": join_names(_names(data, "adverse_parties")),
    }
    return {name: text for name, text in found.items() if text}


def build_questions(
    fields: Sequence[TemplateField],
    data: Mapping[str, Any],
    suggestions: Mapping[str, str] = _NO_SUGGESTIONS,
) -> list[Question]:
    """One question for each field the template needs that ``data`` lacks, in template order.

    Only required value and condition fields are asked, and never a list, a name inside a
    loop (``parties[].name``) or an indexed name, nor a whole object (its own fields are asked
    instead). A field is missing as ``missing_fields`` decides. Known names take the
    dictionary's label, type and choices; others get a label and a type guessed from the name.
    ``suggestions`` pre-fill answers (over the data's own: plaintiffs as the clients' names,
    defendants as the adverse parties' names). Yes/no questions are never required (blank
    means no); all the others are.
    """
    offered = {**default_suggestions(data), **suggestions}
    questions: list[Question] = []
    seen: set[str] = set()
    for field in fields:
        if field.name in seen or field.kind == "list" or not field.required or "[" in field.name:
            continue
        if not missing_fields([field], data):
            continue
        entry = lookup(field.name)
        if entry is not None and entry.type in ("object", "list"):
            continue
        seen.add(field.name)
        choices: tuple[tuple[str, str], ...] = ()
        if entry is None:
            type_ = type_from_name(field.name, field.kind)
            label, example = label_from_name(field.name), ""
        else:
            type_, label, choices, example = entry.type, entry.label, entry.choices, entry.example
        questions.append(
            Question(
                name=field.name,
                label=label,
                type=type_,
                help=_help(type_, example),
                choices=choices,
                suggestion=offered.get(field.name, ""),
                required=type_ != "yesno",
            )
        )
    return questions


def _parse_date(text: str) -> dt.date:
    if not _DATE_SHAPE.fullmatch(text):
        raise ValueError(BAD_DATE)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(BAD_DATE) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(DATE_RANGE)
    return day


def _parse_money(text: str) -> str:
    plain = text.replace("$", "").replace(" ", "")
    if not _MONEY_SHAPE.fullmatch(plain):
        raise ValueError(BAD_MONEY)
    try:
        return f"{Decimal(plain.replace(',', '')).quantize(Decimal('0.01'))}"
    except InvalidOperation:  # more digits than an amount of money can have
        raise ValueError(BAD_MONEY) from None


def _parse_yesno(text: str) -> bool:
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(BAD_YESNO)


def _parse_choice(text: str, choices: Sequence[tuple[str, str]]) -> str:
    for value, label in choices:
        if text == value or text.casefold() == label.casefold():
            return value
    raise ValueError("Pick one of: " + ", ".join(label for _value, label in choices) + ".")


def _parse_one(question: Question, text: str) -> object:
    """One answer's typed value; ``ValueError`` carries the sentence to show."""
    if question.type == "date":
        return _parse_date(text)
    if question.type == "money":
        return _parse_money(text)
    if question.type == "yesno":
        return _parse_yesno(text)
    if question.type == "choice":
        return _parse_choice(text, question.choices)
    return text


def _clean(question: Question, value: object) -> str:
    """The answer as typed: line endings made "\\n", blank space around it removed."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if question.type == "lines":
        return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")).strip()
    return text.strip()


def parse_answers(questions: Sequence[Question], raw: Mapping[str, str]) -> dict[str, object]:
    """The typed answers to ``questions`` from the submitted text ``raw``, or ``AnswerErrors``.

    Dates (YYYY-MM-DD, 1900-2100) become ``datetime.date``; yes/no becomes ``bool`` (blank is
    no); money becomes a normalised string ("5,000" -> "5000.00"); a choice must be one of
    its values (or labels); text keeps what was typed, whatever the script. A blank required
    answer is an error, a blank optional one is left out. Every problem is reported at once.
    """
    answers: dict[str, object] = {}
    errors: dict[str, str] = {}
    for question in questions:
        text = _clean(question, raw.get(question.name, ""))
        if not text and question.type != "yesno":
            if question.required:
                errors[question.name] = ANSWER_THIS
            continue
        try:
            answers[question.name] = _parse_one(question, text)
        except ValueError as exc:
            errors[question.name] = str(exc)
    if errors:
        raise AnswerErrors(errors)
    return answers


def _plain_copy(value: Any) -> Any:
    """A deep copy in which every mapping is a plain dict, so answers can be set into it."""
    if isinstance(value, Mapping):
        return {key: _plain_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_copy(item) for item in value]
    return copy.deepcopy(value)


def apply_answers(data: Mapping[str, Any], answers: Mapping[str, object]) -> dict[str, Any]:
    """A deep copy of ``data`` with each answer set at its dotted name.

    Missing objects on the way are created (``hearing.date`` makes ``{"hearing": {...}}``).
    A value already in the data is never replaced, and an answer whose path runs through
    something that is not an object (or through a list: ``parties[].name``) is left out.
    """
    result: dict[str, Any] = _plain_copy(data)
    for name, value in answers.items():
        if "[" in name:
            continue
        keys = name.split(".")
        if not all(keys):
            continue
        target: Any = result
        for key in keys[:-1]:
            if key not in target:
                target[key] = {}
            target = target[key]
            if not isinstance(target, dict):
                break
        else:
            target.setdefault(keys[-1], copy.deepcopy(value))
    return result


def coerce_saved(entry_type: str, value: str) -> object:
    """A saved answer (text) back as the typed value its question gives.

    Dates are stored ISO (-> ``datetime.date``), yes/no as "yes"/"no" or "true"/"false"
    (-> ``bool``), money as "5000.00" (normalised again); anything else is the text itself.
    A saved value that no longer parses raises ``ValueError`` with a sentence.
    """
    text = value.strip()
    if entry_type == "date":
        return _parse_date(text)
    if entry_type == "yesno":
        return _parse_yesno(text)
    if entry_type == "money":
        return _parse_money(text)
    return value


def saved_text(value: object) -> str:
    """An answer as text to save (the inverse of ``coerce_saved``): dates ISO, booleans yes/no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


__all__ = [
    "AnswerErrors",
    "Question",
    "apply_answers",
    "build_questions",
    "coerce_saved",
    "default_suggestions",
    "join_names",
    "label_from_name",
    "parse_answers",
    "saved_text",
    "type_from_name",
]
