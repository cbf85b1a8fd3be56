"""Legal-writing filters for Word templates: dates, ordinals, money, pronouns, caption names.

Each filter is a plain function (usable outside Jinja too) and raises ``ValueError`` with a
clear sentence on input it cannot take; rendering turns that into a ``TemplateError`` that
quotes the paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _as_date(value: object) -> dt.date:
    """A ``date`` from a ``date``/``datetime`` or an ISO string (``2027-03-05``)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            try:
                return dt.datetime.fromisoformat(text).date()
            except ValueError:
                pass
    raise ValueError(f"{value!r} is not a date (use a date or an ISO date like 2027-03-05).")


def ordinal(value: object) -> str:
    """``1`` -> ``1st``, ``2`` -> ``2nd``, ``11`` -> ``11th``, ``101`` -> ``101st``."""
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number.") from None
    if 10 <= abs(number) % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(abs(number) % 10, "th")
    return f"{number}{suffix}"


def long_date(value: object) -> str:
    """``2027-03-05`` -> ``March 5, 2027``."""
    day = _as_date(value)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def legal_date(value: object) -> str:
    """``2027-03-05`` -> ``the 5th day of March, 2027``."""
    day = _as_date(value)
    return f"the {ordinal(day.day)} day of {MONTHS[day.month - 1]}, {day.year}"


def _as_cents(value: object) -> Decimal:
    """The amount rounded half-up to cents; accepts Decimal, int, float and strings like ``$1,234.5``."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount of money.")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("$", "").replace(" ", "")
        negative = text.startswith("(") and text.endswith(")")
        text = text.strip("()")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not an amount of money.") from None
        if negative:
            amount = -amount
    else:
        raise ValueError(f"{value!r} is not an amount of money.")
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not an amount of money.")
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def money(value: object) -> str:
    """``1234.5`` -> ``$1,234.50``; negatives in parentheses: ``($1,234.50)``."""
    amount = _as_cents(value)
    text = f"${abs(amount):,.2f}"
    return f"({text})" if amount < 0 else text


_ONES = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
]
_TENS = ["_", "_", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]
_SCALES = ("", "Thousand", "Million", "Billion", "Trillion")


def _below_thousand(number: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(number, 100)
    if hundreds:
        words += [_ONES[hundreds], "Hundred"]
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_ONES[rest])
    return words


def number_words(number: int) -> str:
    """``1234`` -> ``One Thousand Two Hundred Thirty-Four`` (whole numbers >= 0)."""
    if number < 0:
        raise ValueError(f"{number} is negative; only amounts of zero or more can be written out.")
    if number == 0:
        return "Zero"
    groups: list[str] = []
    scale = 0
    while number:
        number, chunk = divmod(number, 1000)
        if chunk:
            if scale >= len(_SCALES):
                raise ValueError("the amount is too large to write out in words.")
            words = _below_thousand(chunk) + ([_SCALES[scale]] if _SCALES[scale] else [])
            groups.insert(0, " ".join(words))
        scale += 1
    return " ".join(groups)


def money_words(value: object) -> str:
    """``1234.50`` -> ``One Thousand Two Hundred Thirty-Four and 50/100 Dollars``."""
    amount = _as_cents(value)
    if amount < 0:
        raise ValueError(f"{value!r} is negative; an amount in words must be zero or more.")
    dollars = int(amount)
    cents = int((amount - dollars) * 100)
    return f"{number_words(dollars)} and {cents:02d}/100 Dollars"


_ORG_KINDS = {"organization", "organisation", "org", "company", "corporation", "entity", "firm"}
_PRONOUNS = {
    "she": ("she", "her", "her"),
    "he": ("he", "him", "his"),
    "they": ("they", "them", "their"),
    "it": ("it", "it", "its"),
}
_GENDER_WORDS = {
    "she": "she",
    "her": "she",
    "f": "she",
    "female": "she",
    "woman": "she",
    "he": "he",
    "him": "he",
    "m": "he",
    "male": "he",
    "man": "he",
    "they": "they",
    "them": "they",
    "it": "it",
}


def _pronoun_set(person: object) -> tuple[str, str, str]:
    """The (subject, object, possessive) pronouns of a person, organisation or gender string.

    A mapping is read for ``is_organization`` / ``kind`` / ``type`` (an organisation is "it"),
    then ``pronouns`` ("she/her"), then ``gender`` ("female"). Anything else is "they".
    """
    if isinstance(person, Mapping):
        if person.get("is_organization") or str(person.get("kind") or "").lower() in _ORG_KINDS:
            return _PRONOUNS["it"]
        if str(person.get("type") or "").lower() in _ORG_KINDS:
            return _PRONOUNS["it"]
        hint = person.get("pronouns") or person.get("gender") or ""
    else:
        hint = person if isinstance(person, str) else ""
    text = str(hint).strip().lower()
    if text in _ORG_KINDS:
        return _PRONOUNS["it"]
    first = re.split(r"[/,\s]+", text, maxsplit=1)[0] if text else ""
    return _PRONOUNS[_GENDER_WORDS.get(first, "they")]


def subject_pronoun(person: object) -> str:
    """``she`` / ``he`` / ``they`` / ``it``."""
    return _pronoun_set(person)[0]


def object_pronoun(person: object) -> str:
    """``her`` / ``him`` / ``them`` / ``it``."""
    return _pronoun_set(person)[1]


def possessive(person: object) -> str:
    """``her`` / ``his`` / ``their`` / ``its``."""
    return _pronoun_set(person)[2]


_LOWER_IN_CAPTIONS = re.compile(r"\b(a/k/a|d/b/a|f/k/a|n/k/a|et al\.|et ux\.|et vir\.)", re.I)


def caption_name(value: object) -> str:
    """A name as a caption prints it: upper case, whitespace collapsed, Unicode kept whole.

    ``"Smith & Jones, LLC"`` -> ``"SMITH & JONES, LLC"``; ``"Nguyễn Thị Hồng"`` ->
    ``"NGUYỄN THỊ HỒNG"``; connectors such as ``a/k/a``, ``d/b/a`` and ``et al.`` stay lower
    case. A mapping is read for its ``name``. Text is NFC-normalised first so combining marks
    stay on their letters; scripts without case (Arabic) pass through unchanged.
    """
    if isinstance(value, Mapping):
        value = value.get("name", "")
    if value is None:
        raise ValueError("a caption name is empty.")
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    pieces = _LOWER_IN_CAPTIONS.split(text)
    return "".join(
        piece.lower() if _LOWER_IN_CAPTIONS.fullmatch(piece) else piece.upper() for piece in pieces
    )


FILTERS: dict[str, Callable[[Any], str]] = {
    "long_date": long_date,
    "legal_date": legal_date,
    "ordinal": ordinal,
    "money": money,
    "money_words": money_words,
    "subject_pronoun": subject_pronoun,
    "object_pronoun": object_pronoun,
    "possessive": possessive,
    "caption_name": caption_name,
}
