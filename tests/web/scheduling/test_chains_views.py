"""Deadline-chain pages: propose, save, the matter's Deadlines section, move, walls, bad input."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from casedesk.web.audit.models import AuditEntry
from casedesk.web.matters.models import EthicalWall
from casedesk.web.scheduling import chain_services as svc
from casedesk.web.scheduling.models import DeadlineChain, Event
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def matter(attorney: Any) -> Any:
    m = make_matter("2027-0202", "Trần Văn Bảo v. Northwind", attorney=attorney)
    m.court = "U.S. District Court, N.D. Cal."
    m.save()
    return m


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(**over: Any) -> dict[str, Any]:
    data = {
        "court": "federal",
        "template": "federal-complaint-served",
        "trigger_date": "2027-03-10",
        "trigger_time": "",
        "service": "mail",
        "closed_days": "",
    }
    data.update(over)
    return data


def test_new_page_defaults_the_court_from_the_matter(secretary: Any, matter: Any) -> None:
    page = client_for(secretary).get(f"/calendar/matters/{matter.pk}/chains/new/")
    assert page.status_code == 200
    html = page.content.decode()
    assert re.search(r'<option value="federal-ca" selected>', html)
    assert "Complaint and summons served on the defendant" in html


def test_propose_then_save(secretary: Any, matter: Any) -> None:
    client = client_for(secretary)
    url = f"/calendar/matters/{matter.pk}/chains/new/"
    page = client.post(url, form_data(action="propose"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Answer due (FRCP 12(a)(1)(A)(i))" in html and 'data-due="2027-03-31"' in html
    assert "How was this computed?" in html and "day 21 = Wed Mar 31, 2027" in html
    assert 'value="frcp-answer" id="rule-frcp-answer" checked' in html
    assert 'value="frcp-answer-us" id="rule-frcp-answer-us">' in html  # an option, not ticked
    assert not DeadlineChain.objects.exists()
    signature = re.search(r'name="signature" value="([0-9a-f]+)"', html).group(1)  # type: ignore[union-attr]

    saved = client.post(url, form_data(action="save", signature=signature, rule=["frcp-answer"]))
    chain = DeadlineChain.objects.get()
    assert saved.status_code == 302 and saved["Location"] == f"/calendar/chains/{chain.pk}/"
    assert chain.deadlines.get().rule_id == "frcp-answer"

    matter_page = client.get(f"/matters/{matter.pk}/").content.decode()
    assert "Deadlines" in matter_page and "Answer due (FRCP 12(a)(1)(A)(i))" in matter_page
    assert "Wed, Mar 31, 2027 at 11:59 p.m." in matter_page
    assert "How was this computed?" in matter_page


def test_save_after_changing_the_trigger_shows_the_new_dates_first(
    secretary: Any, matter: Any
) -> None:
    client = client_for(secretary)
    url = f"/calendar/matters/{matter.pk}/chains/new/"
    stale = svc.ChainInput("federal-complaint-served", "federal", D("2027-03-10"), None, "mail")
    page = client.post(
        url,
        form_data(
            action="save",
            trigger_date="2027-03-17",
            signature=stale.signature(),
            rule="frcp-answer",
        ),
    )
    assert page.status_code == 200
    assert "The trigger changed after the deadlines were proposed" in page.content.decode()
    assert 'data-due="2027-04-07"' in page.content.decode()
    assert not DeadlineChain.objects.exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"trigger_date": "1999-12-31"}, "outside the years the court calendars cover"),
        ({"trigger_date": "2036-01-01"}, "outside the years the court calendars cover"),
        ({"trigger_date": ""}, "This field is required"),
        ({"trigger_date": "31/03/2027"}, "Enter a valid date"),
        ({"template": ""}, "This field is required"),
        ({"template": "ca-summons-served"}, "is not a trigger for a"),
        ({"template": "x" * 10_000}, "Choose one of the triggers in the list."),
        ({"court": "mars"}, "Choose one of the courts in the list."),
        ({"service": "pigeon"}, "Choose one of the service methods in the list."),
        ({"closed_days": "x" * 10_000}, "Too much text"),
        ({"closed_days": "2027-03-15, tomorrow"}, "is not a date"),
        ({"closed_days": "1999-03-15"}, "outside the years"),
        ({"closed_days": "عطلة"}, "is not a date"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    secretary: Any, matter: Any, over: dict[str, str], message: str
) -> None:
    url = f"/calendar/matters/{matter.pk}/chains/new/"
    page = client_for(secretary).post(url, form_data(action="save", signature="x", **over))
    assert page.status_code == 400
    assert message in page.content.decode()
    assert "x" * 200 not in page.content.decode().split("<form", 1)[0]  # not echoed in messages
    assert not DeadlineChain.objects.exists() and not Event.objects.exists()


def test_saving_with_nothing_ticked_is_refused(secretary: Any, matter: Any) -> None:
    url = f"/calendar/matters/{matter.pk}/chains/new/"
    inp = svc.ChainInput("federal-complaint-served", "federal", D("2027-03-10"), None, "mail")
    page = client_for(secretary).post(url, form_data(action="save", signature=inp.signature()))
    assert page.status_code == 400
    assert "Tick at least one deadline" in page.content.decode()
    assert 'data-due="2027-03-31"' in page.content.decode()  # the proposal is still shown
    assert not DeadlineChain.objects.exists()


def _chain(secretary: Any, matter: Any) -> DeadlineChain:
    inp = svc.ChainInput("federal-complaint-served", "federal", D("2027-03-10"), None, "mail")
    return svc.chain_create(by=secretary, matter=matter, inp=inp, rule_ids=["frcp-answer"])


def test_move_trigger_preview_then_save(secretary: Any, matter: Any) -> None:
    chain = _chain(secretary, matter)
    client = client_for(secretary)
    detail = client.get(f"/calendar/chains/{chain.pk}/").content.decode()
    assert "Move the trigger" in detail and 'data-trigger="2027-03-10"' in detail
    move = {"trigger_date": "2027-03-24", "trigger_time": "", "service": "mail", "closed_days": ""}
    preview = client.post(f"/calendar/chains/{chain.pk}/move/", {**move, "action": "preview"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Nothing is saved yet" in html and 'class="changed"' in html
    assert 'data-new="2027-04-14"' in html
    event = chain.deadlines.get()
    assert timezone.localtime(event.starts_at).date() == D("2027-03-31")
    saved = client.post(f"/calendar/chains/{chain.pk}/move/", {**move, "action": "save"})
    assert saved.status_code == 302
    event.refresh_from_db()
    assert timezone.localtime(event.starts_at).date() == D("2027-04-14")
    entry = AuditEntry.objects.get(action="deadline-moved")
    assert (entry.data["old"], entry.data["new"]) == ("2027-03-31T23:59", "2027-04-14T23:59")


def test_move_with_a_bad_date_is_refused(secretary: Any, matter: Any) -> None:
    chain = _chain(secretary, matter)
    page = client_for(secretary).post(
        f"/calendar/chains/{chain.pk}/move/",
        {"trigger_date": "2040-01-01", "service": "mail", "action": "save"},
    )
    assert page.status_code == 400 and "outside the years" in page.content.decode()
    chain.refresh_from_db()
    assert chain.trigger_date == D("2027-03-10")


def test_complete_override_and_delete_buttons(secretary: Any, matter: Any) -> None:
    chain = _chain(secretary, matter)
    event = chain.deadlines.get()
    client = client_for(secretary)
    done = client.post(f"/calendar/deadlines/{event.pk}/complete/", {"next": "/evil.example"})
    assert done.status_code == 302 and done["Location"] == "/evil.example"  # local path only
    done = client.post(f"/calendar/deadlines/{event.pk}/reopen/", {"next": "https://evil.example/"})
    assert done["Location"] == f"/calendar/chains/{chain.pk}/"
    form = client.get(f"/calendar/deadlines/{event.pk}/override/")
    assert form.status_code == 200 and "Change a deadline by hand" in form.content.decode()
    refused = client.post(
        f"/calendar/deadlines/{event.pk}/override/", {"new_date": "2027-04-02", "reason": ""}
    )
    assert refused.status_code == 400
    ok = client.post(
        f"/calendar/deadlines/{event.pk}/override/",
        {"new_date": "2027-03-30", "reason": "Client wants it filed early"},
    )
    assert ok.status_code == 302
    page = client.get(f"/calendar/chains/{chain.pk}/").content.decode()
    assert "Date set by hand" in page and "the rule gives Wed, Mar 31, 2027" in page
    nothing = client.post(f"/calendar/deadlines/{event.pk}/delete/", {"reason": ""})
    assert nothing.status_code == 302 and Event.objects.filter(pk=event.pk).exists()
    gone = client.post(f"/calendar/deadlines/{event.pk}/delete/", {"reason": "Duplicate"})
    assert gone.status_code == 302 and not Event.objects.filter(pk=event.pk).exists()


def test_screened_user_gets_404_everywhere(
    secretary: Any, attorney2: Any, matter: Any, admin_user: Any
) -> None:
    chain = _chain(secretary, matter)
    event = chain.deadlines.get()
    EthicalWall.objects.create(
        matter=matter, user=attorney2, reason="lateral", created_by=admin_user
    )
    client = client_for(attorney2)
    for url in (
        f"/calendar/matters/{matter.pk}/chains/new/",
        f"/calendar/chains/{chain.pk}/",
        f"/calendar/deadlines/{event.pk}/override/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/calendar/matters/{matter.pk}/chains/new/",
        f"/calendar/chains/{chain.pk}/move/",
        f"/calendar/chains/{chain.pk}/delete/",
        f"/calendar/deadlines/{event.pk}/complete/",
        f"/calendar/deadlines/{event.pk}/reopen/",
        f"/calendar/deadlines/{event.pk}/delete/",
        f"/calendar/deadlines/{event.pk}/override/",
    ):
        assert client.post(url, {"reason": "x", "trigger_date": "2027-03-11"}).status_code == 404
    assert Event.objects.filter(pk=event.pk, status="scheduled").exists()


def test_readonly_user_sees_but_cannot_save(readonly: Any, matter: Any, secretary: Any) -> None:
    chain = _chain(secretary, matter)
    client = client_for(readonly)
    page = client.get(f"/matters/{matter.pk}/").content.decode()
    assert "Answer due (FRCP 12(a)(1)(A)(i))" in page and "Mark done" not in page
    url = f"/calendar/matters/{matter.pk}/chains/new/"
    inp = svc.ChainInput("federal-complaint-served", "federal", D("2027-03-10"), None, "mail")
    refused = client.post(
        url, form_data(action="save", signature=inp.signature(), rule="frcp-answer")
    )
    assert refused.status_code == 400 and "read-only" in refused.content.decode()
    assert DeadlineChain.objects.count() == 1
    client.post(f"/calendar/deadlines/{chain.deadlines.get().pk}/complete/")
    assert chain.deadlines.get().status == "scheduled"
