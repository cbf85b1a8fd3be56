"""The demo firm's chronologies: facts on two matters through the services, and a demo reset
that clears them with the firm-wide issues."""

from __future__ import annotations

import pytest

from casedesk.web.audit.models import AuditEntry
from casedesk.web.chronology.models import Fact, Issue
from casedesk.web.demo import demo_load

pytestmark = pytest.mark.django_db


def test_demo_has_facts_and_reset_clears_them(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.CASEDESK_BLOB_DIR = tmp_path / "blobs"
    settings.CASEDESK_INDEX_DIR = tmp_path / "index"
    demo_load(seed=11, clients=14, matters=28)
    facts = Fact.objects.all()
    assert 8 <= facts.count() <= 14
    assert Fact.objects.values("matter").distinct().count() == 2
    assert facts.filter(material=True).exists() and facts.filter(disputed=True).exists()
    assert facts.filter(source_document__isnull=False).exists()
    assert facts.filter(people__isnull=False).exists()
    assert facts.filter(date_kind="unknown").exists() and facts.filter(date_kind="circa").exists()
    assert {"Notice", "Damages"} <= set(Issue.objects.values_list("name", flat=True))
    assert AuditEntry.objects.filter(action="chronology.fact_create").count() == facts.count()
    assert not Fact.objects.filter(matter__walls__isnull=False).exists()
    demo_load(seed=11, clients=14, matters=28, reset=True)
    assert Fact.objects.count() == facts.count()
    assert Issue.objects.filter(name="Notice").count() == 1
