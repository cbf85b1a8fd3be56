"""Legal-writing filters, table by table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from casedesk.core.drafting.filters import (
    FILTERS,
    caption_name,
    legal_date,
    long_date,
    money,
    money_words,
    object_pronoun,
    ordinal,
    possessive,
    subject_pronoun,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2027, 3, 5), "March 5, 2027"),
        ("2027-03-05", "March 5, 2027"),
        (dt.datetime(2027, 12, 31, 9, 30), "December 31, 2027"),
        ("2027-01-01T10:00:00", "January 1, 2027"),
    ],
)
def test_long_date(value: object, expected: str) -> None:
    assert long_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2027, 3, 5), "the 5th day of March, 2027"),
        ("2027-03-01", "the 1st day of March, 2027"),
        ("2027-03-22", "the 22nd day of March, 2027"),
        ("2027-03-13", "the 13th day of March, 2027"),
    ],
)
def test_legal_date(value: object, expected: str) -> None:
    assert legal_date(value) == expected


@pytest.mark.parametrize("bad", ["March 5", "2027-13-01", 20270305, None])
def test_dates_refuse_what_is_not_a_date(bad: object) -> None:
    with pytest.raises(ValueError, match="not a date"):
        long_date(bad)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        ("3", "3rd"),
    ],
)
def test_ordinal(number: object, expected: str) -> None:
    assert ordinal(number) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.5"), "$1,234.50"),
        (1234, "$1,234.00"),
        ("1234.50", "$1,234.50"),
        ("$1,234.5", "$1,234.50"),
        (Decimal("-1234.5"), "($1,234.50)"),
        (-5, "($5.00)"),
        ("(12.00)", "($12.00)"),
        (Decimal("0.005"), "$0.01"),
        (0, "$0.00"),
        (1234567.891, "$1,234,567.89"),
    ],
)
def test_money(value: object, expected: str) -> None:
    assert money(value) == expected


@pytest.mark.parametrize("bad", ["twelve", None, True, "NaN"])
def test_money_refuses_what_is_not_an_amount(bad: object) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        money(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234.50", "One Thousand Two Hundred Thirty-Four and 50/100 Dollars"),
        (0, "Zero and 00/100 Dollars"),
        (1, "One and 00/100 Dollars"),
        (Decimal("19.99"), "Nineteen and 99/100 Dollars"),
        (100, "One Hundred and 00/100 Dollars"),
        (1_000_000, "One Million and 00/100 Dollars"),
        (2_005_040, "Two Million Five Thousand Forty and 00/100 Dollars"),
        ("90.07", "Ninety and 07/100 Dollars"),
    ],
)
def test_money_words(value: object, expected: str) -> None:
    assert money_words(value) == expected


def test_money_words_refuses_negative_amounts() -> None:
    with pytest.raises(ValueError, match="negative"):
        money_words(-1)


@pytest.mark.parametrize(
    ("person", "subject", "obj", "poss"),
    [
        ({"name": "Ana", "pronouns": "she/her"}, "she", "her", "her"),
        ({"name": "Bo", "pronouns": "he/him"}, "he", "him", "his"),
        ({"name": "Cy", "pronouns": "they/them"}, "they", "them", "their"),
        ({"name": "Di", "gender": "female"}, "she", "her", "her"),
        ({"name": "Ed", "gender": "M"}, "he", "him", "his"),
        ({"name": "Fa"}, "they", "them", "their"),
        ({"name": "Acme LLC", "kind": "organization"}, "it", "it", "its"),
        ({"name": "Acme LLC", "is_organization": True}, "it", "it", "its"),
        ("she", "she", "her", "her"),
        (None, "they", "them", "their"),
    ],
)
def test_pronouns(person: object, subject: str, obj: str, poss: str) -> None:
    assert (subject_pronoun(person), object_pronoun(person), possessive(person)) == (
        subject,
        obj,
        poss,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Smith & Jones, LLC", "SMITH & JONES, LLC"),
        ("  teresa   montoya ", "TERESA MONTOYA"),
        ("Nguyễn Thị Hồng", "NGUYỄN THỊ HỒNG"),
        ("Nguye\u0302\u0303n", "NGUYỄN"),  # decomposed marks stay on their letter
        ("محمد عبد الله", "محمد عبد الله"),
        ("John Doe a/k/a Johnny Doe", "JOHN DOE a/k/a JOHNNY DOE"),
        ("Acme Corp. d/b/a Acme Rentals, et al.", "ACME CORP. d/b/a ACME RENTALS, et al."),
        ({"name": "Ana Pérez"}, "ANA PÉREZ"),
    ],
)
def test_caption_name(value: object, expected: str) -> None:
    assert caption_name(value) == expected


def test_every_filter_is_registered() -> None:
    assert set(FILTERS) == {
        "long_date",
        "legal_date",
        "ordinal",
        "money",
        "money_words",
        "subject_pronoun",
        "object_pronoun",
        "possessive",
        "caption_name",
    }
