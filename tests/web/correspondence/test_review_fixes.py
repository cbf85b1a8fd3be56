"""What the review of the correspondence pages asked for: the "Log a call" panel is closed
unless linked to, and entries are named with readable dates and curly quotes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from casedesk.web.correspondence.services import communication_log, day_text, describe

pytestmark = pytest.mark.django_db


def test_log_a_call_panel_is_closed_unless_linked_to(secretary: Any, matter: Any) -> None:
    client = Client()
    client.force_login(secretary)
    page = client.get(f"/correspondence/matter/{matter.pk}/").content.decode()
    tag = page.split('id="log-call"', 1)[1].split(">", 1)[0]
    assert "open" not in tag
    assert 'location.hash === "#log-call"' in page  # opened when the matter page links to it


def test_entries_are_named_with_a_readable_date_and_curly_quotes(
    secretary: Any, matter: Any
) -> None:
    when = timezone.make_aware(dt.datetime(2026, 11, 27, 10, 30))
    entry = communication_log(
        by=secretary,
        matter=matter,
        kind="call",
        direction="in",
        occurred_at=when,
        subject="Questions about the retainer",
    )
    assert describe(entry) == "call of Nov 27, 2026 “Questions about the retainer”"
    assert day_text(dt.date(2027, 1, 8)) == "Jan 8, 2027"
