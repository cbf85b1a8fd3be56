"""Which matter an e-mail probably belongs to, and the log as each user may see it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone

from casedesk.core.extract.mail import EmailParts
from casedesk.web.correspondence.selectors import (
    communications_for,
    get_visible_communication,
    matter_suggestions,
)
from casedesk.web.correspondence.services import communication_log
from tests.web.correspondence.conftest import add_party
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db


def parts(
    subject: str = "", sender: str = "", to: tuple[str, ...] = (), cc: tuple[str, ...] = ()
) -> EmailParts:
    return EmailParts(
        subject=subject, sender=sender, to=to, cc=cc, date=None, body="", attachments=()
    )


def test_suggestions_ranked_with_reasons(secretary: Any, matter: Any, other_matter: Any) -> None:
    found = matter_suggestions(
        secretary,
        parts(
            subject="RE: Case No. 3:24-CV-01234 — lease for Nguyễn",
            sender="Jane Roe <JANE@roe.example>",
            to=("Otto <otto@biglaw.example>",),
        ),
    )
    assert [s.matter.number for s in found] == ["2027-0201", "2027-0202"]
    top = found[0]
    assert top.score == 3 + 3 + 5
    assert "Sender jane@roe.example is the client Jane Roe's e-mail" in top.reasons
    assert (
        "Recipient otto@biglaw.example is the opposing counsel Otto Counsel's e-mail" in top.reasons
    )
    assert "Subject mentions case number 3:24-cv-01234" in top.reasons
    assert found[1].reasons == ["Subject mentions “nguyễn” from the matter title"]


def test_matter_number_and_party_names(secretary: Any, matter: Any, other_matter: Any) -> None:
    found = matter_suggestions(secretary, parts(subject="Matter 2027 - 0202: Nguyễn Thị Minh"))
    assert found[0].matter.number == "2027-0202"
    assert "Subject mentions matter number 2027-0202" in found[0].reasons
    assert "Subject mentions the client Nguyễn Thị Minh" in found[0].reasons
    assert found[0].score <= 5 + 3
    # A number inside a longer number is not a mention.
    assert matter_suggestions(secretary, parts(subject="Invoice 12027-02015")) == []


def test_other_roles_two_points_and_closed_matters_skipped(secretary: Any, attorney: Any) -> None:
    active = make_matter("2027-0300", "Estate of Poe", attorney=attorney)
    add_party(active, "Wanda Witness", "witness", "wanda@example.com")
    closed = make_matter("2020-0001", "Old file", attorney=attorney, status="closed")
    add_party(closed, "Wanda W.", "client", "wanda@example.com")
    found = matter_suggestions(secretary, parts(sender="wanda@example.com"))
    assert [(s.matter.number, s.score) for s in found] == [("2027-0300", 2)]
    assert found[0].reasons == ["Sender wanda@example.com is the witness Wanda Witness's e-mail"]


def test_walled_matter_never_suggested(
    screened: Any, secretary: Any, matter: Any, other_matter: Any
) -> None:
    message = parts(subject="3:24-cv-01234 2027-0201 Roe", sender="jane@roe.example")
    assert matter_suggestions(secretary, message)[0].matter == matter
    assert all(s.matter != matter for s in matter_suggestions(screened, message))


def test_log_is_wall_aware(secretary: Any, screened: Any, matter: Any) -> None:
    entry = communication_log(
        by=secretary,
        matter=matter,
        kind="call",
        direction="in",
        occurred_at=timezone.now() - dt.timedelta(hours=1),
        summary="x",
    )
    assert list(communications_for(secretary, matter)) == [entry]
    assert list(communications_for(secretary, matter, kind="letter")) == []
    assert list(communications_for(screened, matter)) == []
    assert get_visible_communication(secretary, entry.pk) == entry
    with pytest.raises(Http404):
        get_visible_communication(screened, entry.pk)
