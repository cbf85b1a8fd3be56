"""Writing an e-mail from a template: filled in for the matter, placeholders must be replaced."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from casedesk.web.correspondence.mail_services import email_send
from casedesk.web.correspondence.models import Communication
from casedesk.web.drafting.models import DraftTemplate
from casedesk.web.drafting.template_services import starter_install
from casedesk.web.errors import ServiceError
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def starters(admin_user: Any) -> None:
    starter_install(by=admin_user)


def _client(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_compose_offers_the_e_mail_templates(starters: None, secretary: Any, matter: Any) -> None:
    page = _client(secretary).get(f"/correspondence/matter/{matter.pk}/email/").content.decode()
    assert "Start from a template" in page
    assert "E-mail: status update to the client" in page
    assert "Engagement letter" not in page  # letters are drafted, not e-mailed as text


def test_a_template_fills_in_subject_body_and_the_client_address(
    starters: None, secretary: Any, matter: Any
) -> None:
    template = DraftTemplate.objects.get(starter_id="email-client-update")
    response = _client(secretary).get(
        f"/correspondence/matter/{matter.pk}/email/", {"template": template.pk}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Roe v. Acme Widgets: where things stand" in page
    assert "Dear Jane," in page
    assert 'value="jane@roe.example"' in page
    assert "Replace the parts marked" in page


def test_counsel_template_addresses_opposing_counsel(
    starters: None, secretary: Any, matter: Any
) -> None:
    template = DraftTemplate.objects.get(starter_id="email-opposing-counsel")
    page = (
        _client(secretary)
        .get(f"/correspondence/matter/{matter.pk}/email/", {"template": template.pk})
        .content.decode()
    )
    assert 'value="otto@biglaw.example"' in page
    assert "Dear Otto Counsel:" in page


@pytest.mark.parametrize("raw", ["999999", "letters", "-1"])
def test_an_unknown_template_is_a_message_not_an_error(
    starters: None, secretary: Any, matter: Any, raw: str
) -> None:
    response = _client(secretary).get(
        f"/correspondence/matter/{matter.pk}/email/", {"template": raw}
    )
    assert response.status_code == 200
    assert "That e-mail template is not available" in response.content.decode()


def test_a_message_with_unfilled_parts_is_not_sent(
    secretary: Any, matter: Any, smtp_server: Any
) -> None:
    with pytest.raises(ServiceError, match=r"\[Answer: …\]") as caught:
        email_send(
            by=secretary,
            matter=matter,
            to=["jane@roe.example"],
            cc=[],
            subject="Update",
            body="Dear Jane,\n\n[Answer: Status summary]\n",
            attachment_ids=[],
        )
    assert caught.value.field == "body"
    assert smtp_server.envelopes == []
    assert not Communication.objects.exists()
