"""The data a template is filled with for a matter, and the walls around it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from casedesk.core.drafting.dictionary import field_dictionary
from casedesk.web.drafting.models import FirmProfile, MatterAnswer
from casedesk.web.drafting.selectors import matter_data, templates_visible
from casedesk.web.errors import ServiceError
from tests.web.drafting.conftest import ADVERSE_NAME, CLIENT_NAME

pytestmark = pytest.mark.django_db

ASKED_FROM_MATTER = {
    "case.plaintiffs",
    "case.defendants",
    "court.district",
    "court.county",
    "court.judicial_district",
    "judge.name",
}


def _present(data: Any, name: str) -> bool:
    """Whether a dictionary name is in the data (list members checked on every item)."""
    head, _, rest = name.partition(".")
    if head.endswith("[]"):
        items = data.get(head[:-2])
        return isinstance(items, list) and all(_present(i, rest) for i in items)
    if head not in data:
        return False
    return not rest or (isinstance(data[head], dict) and _present(data[head], rest))


def test_every_matter_data_key_of_the_dictionary_is_present(matter: Any, secretary: Any) -> None:
    FirmProfile.objects.create(name="Hollis & Reyes LLP", address="500 Grand Ave\nOakland, CA")
    data = matter_data(secretary, matter).data
    missing = [
        name
        for name, entry in field_dictionary().items()
        if not entry.asked and name not in ASKED_FROM_MATTER and not _present(data, name)
    ]
    assert missing == []
    assert data["firm"]["name"] == "Hollis & Reyes LLP"
    assert data["client"]["name"] == CLIENT_NAME
    assert data["client"]["address"] == "1844 Linden Street\nOakland, CA 94607"
    assert data["client"]["first_name"] == "Nguyễn"
    assert data["adverse"]["name"] == ADVERSE_NAME
    assert data["opposing_counsel"]["firm"] == "Blake Whitfield LLP"
    assert [w["name"] for w in data["witnesses"]] == ["Sam Ortiz"]
    assert data["court"]["family"] == "ca" and data["court"]["county"] == "Alameda"
    assert "district" not in data["court"]
    assert data["case"] == {"number": "RG27-000123", "title": f"{CLIENT_NAME} v. {ADVERSE_NAME}"}
    assert "plaintiffs" not in data["case"]
    assert data["attorney"]["signature_block"].splitlines()[:3] == [
        "Ada Attorney",
        "State Bar No. 187654",
        "Hollis & Reyes LLP",
    ]
    assert data["author"]["name"] == "Sam Secretary"
    assert data["next_hearing"]["time"] in ("5:00 p.m.",)
    assert data["next_deadline"]["rule"] == "CCP § 1005(b)"
    assert isinstance(data["today"], dt.date)
    assert isinstance(data["next_deadline"]["date"], dt.date)


def test_suggestions_for_the_sides_of_the_case(matter: Any, secretary: Any) -> None:
    suggestions = matter_data(secretary, matter).suggestions
    assert suggestions == {"case.plaintiffs": CLIENT_NAME, "case.defendants": ADVERSE_NAME}


def test_saved_answers_fill_what_is_missing_but_never_replace_matter_data(
    matter: Any, secretary: Any
) -> None:
    MatterAnswer.objects.create(matter=matter, name="hearing.date", value="2027-05-04")
    MatterAnswer.objects.create(matter=matter, name="client.name", value="Someone else")
    data = matter_data(secretary, matter).data
    assert data["hearing"]["date"] == dt.date(2027, 5, 4)
    assert data["client"]["name"] == CLIENT_NAME
    assert "hearing" not in matter_data(secretary, matter, with_saved=False).data


def test_a_walled_user_gets_no_data(matter: Any, screened: Any) -> None:
    with pytest.raises(ServiceError):
        matter_data(screened, matter)


def test_archived_templates_are_hidden_unless_asked(letter_template: Any, readonly: Any) -> None:
    assert list(templates_visible(readonly)) == [letter_template]
    letter_template.archived = True
    letter_template.save()
    assert list(templates_visible(readonly)) == []
    assert list(templates_visible(readonly, archived=True)) == [letter_template]
