"""E-mails started from a template: subject and body from the matter, placeholders listed."""

from __future__ import annotations

from typing import Any

import pytest

from casedesk.web.drafting.email_drafts import email_draft, email_templates
from casedesk.web.drafting.models import DraftTemplate
from casedesk.web.drafting.template_services import starter_install
from casedesk.web.errors import ServiceError
from tests.web.drafting.conftest import CLIENT_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def starters(admin_user: Any) -> None:
    starter_install(by=admin_user)


def test_the_e_mail_templates_are_listed(starters: None) -> None:
    ids = {t.starter_id for t in email_templates()}
    assert ids == {"email-client-update", "email-transmittal", "email-opposing-counsel"}


def test_a_client_update_fills_in_the_subject_body_and_lists_what_to_answer(
    starters: None, matter: Any, secretary: Any
) -> None:
    template = DraftTemplate.objects.get(starter_id="email-client-update")
    draft = email_draft(by=secretary, matter=matter, template=template)
    assert draft.subject == "Minh employment dispute: where things stand"
    first = CLIENT_NAME.split()[0]
    assert draft.body.startswith(f"Dear {first},")
    assert "Hearing on motion to compel" in draft.body  # the matter's next hearing
    assert "State Bar No. 187654" in draft.body
    assert "[Answer: " in draft.body  # the status summary is the writer's to give
    assert draft.unanswered and all(isinstance(label, str) for label in draft.unanswered)
    assert "Subject:" not in draft.body


def test_opposing_counsel_e_mail_names_the_case(
    starters: None, matter: Any, secretary: Any
) -> None:
    template = DraftTemplate.objects.get(starter_id="email-opposing-counsel")
    draft = email_draft(by=secretary, matter=matter, template=template)
    assert "RG27-000123" in draft.subject
    assert "Dear Morgan Blake:" in draft.body


def test_a_screened_user_gets_nothing(starters: None, matter: Any, screened: Any) -> None:
    template = DraftTemplate.objects.get(starter_id="email-client-update")
    with pytest.raises(ServiceError):
        email_draft(by=screened, matter=matter, template=template)
