"""Every starter template's questions page and preview work for a real matter."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from casedesk.web.drafting.models import DraftTemplate
from casedesk.web.drafting.template_services import starter_install
from tests.web.drafting.conftest import CLIENT_NAME

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_each_starter_template_asks_and_previews(
    matter: Any, admin_user: Any, secretary: Any
) -> None:
    starter_install(by=admin_user)
    client = Client()
    client.force_login(secretary)
    problems = []
    for template in DraftTemplate.objects.all():
        url = f"/drafting/matter/{matter.pk}/template/{template.pk}/"
        page = client.get(url)
        if page.status_code != 200:
            problems.append(f"{template.starter_id}: GET {page.status_code}")
            continue
        preview = client.post(url, {"action": "preview"}, HTTP_HX_REQUEST="true")
        body = preview.content.decode()
        ok = preview.status_code == 200 and "preview-page" in body and "Problem:" not in body
        if template.kind not in ("cover", "email"):
            ok = ok and CLIENT_NAME in body
        if not ok:
            problems.append(f"{template.starter_id}: preview {preview.status_code} {body[:300]}")
    assert not problems, "\n".join(problems)
