"""Chronology services: facts, bulk actions, issues, suggested facts; access, walls and the
audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.chronology.models import Fact, FactSuggestion, Issue, SuggestionRun
from casedesk.web.chronology.selectors import get_visible_fact, matter_facts, visible_issues
from casedesk.web.chronology.services import (
    FactInput,
    contacts_named,
    fact_create,
    fact_delete,
    fact_update,
    facts_bulk,
    issue_create,
    issue_delete,
    issue_get_or_create,
    issue_merge,
    issue_rename,
    split_names,
    suggestion_accept,
    suggestion_dismiss,
    suggestions_find,
    suggestions_run,
)
from casedesk.web.errors import ServiceError
from tests.web.chronology.conftest import ADVERSE, CLIENT, LETTER

pytestmark = pytest.mark.django_db


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


def test_create_reads_the_fuzzy_date_and_audits(attorney: Any, matter: Any, people: Any) -> None:
    fact = fact_create(
        by=attorney,
        matter=matter,
        data=FactInput(
            date_text="march 2024",
            description="  The roof   collapsed.\r\nBay 3 flooded.  ",
            people=[people["client"].pk, people["adverse-party"].pk],
            new_issues="Notice; Damages; notice",
            material=True,
        ),
    )
    fact.refresh_from_db()
    assert (fact.date_text, fact.date_kind) == ("Mar. 2024", "month")
    assert (fact.date_start, fact.date_end) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert fact.sort_date == dt.date(2024, 3, 1)
    assert fact.description == "The roof collapsed.\nBay 3 flooded."
    assert {p.name for p in fact.people.all()} == {CLIENT, ADVERSE}
    assert sorted(i.name for i in fact.issues.all()) == ["Damages", "Notice"]
    assert fact.created_by == attorney and fact.material and not fact.disputed
    assert fact.fuzzy_date().display == "Mar. 2024"
    actions = _actions()
    assert actions.count("chronology.issue_create") == 2
    assert actions[-1] == "chronology.fact_create"
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.matter_id == matter.pk and "Mar. 2024" in entry.summary


@pytest.mark.parametrize(
    ("typed", "kind", "display"),
    [
        ("", "unknown", "Undated"),
        ("unknown", "unknown", "Undated"),
        ("2024-03-05", "exact", "Mar. 5, 2024"),
        ("3/5/2024", "exact", "Mar. 5, 2024"),
        ("2024", "year", "2024"),
        ("c. 2019", "circa", "c. 2019"),
        ("before 2021-06-01", "before", "before June 1, 2021"),
    ],
)
def test_dates_as_typed(attorney: Any, matter: Any, typed: str, kind: str, display: str) -> None:
    fact = fact_create(by=attorney, matter=matter, data=FactInput(date_text=typed, description="x"))
    assert (fact.date_kind, fact.date_text) == (kind, display)


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (FactInput(date_text="2024-02-30", description="x"), "date_text", "2024-02-30"),
        (FactInput(date_text="the day after the storm", description="x"), "date_text", ""),
        (FactInput(date_text="1492", description="x"), "date_text", ""),
        (FactInput(date_text="2024", description="   "), "description", "required"),
        (FactInput(description="x", people=[999_999]), "people", "no longer exists"),
        (FactInput(description="x", issues=[999_999]), "issues", "no longer exists"),
        (FactInput(description="x", source_page="1" * 21), "source_page", "limit"),
        (FactInput(description="x", new_issues="a" * 101), "name", "limit"),
        (FactInput(description="bell \x07"), "description", "control"),
    ],
)
def test_bad_input_is_one_sentence_on_the_field(
    attorney: Any, matter: Any, data: FactInput, field: str, words: str
) -> None:
    with pytest.raises(ServiceError) as caught:
        fact_create(by=attorney, matter=matter, data=data)
    assert caught.value.field == field
    assert words in caught.value.message
    assert not Fact.objects.exists()


def test_source_must_be_a_document_of_the_matter(
    attorney: Any, matter: Any, other_matter: Any, file_doc: Any
) -> None:
    elsewhere = file_doc("other.txt", "x", to=other_matter)
    with pytest.raises(ServiceError, match="not one of this matter's documents"):
        fact_create(
            by=attorney,
            matter=matter,
            data=FactInput(description="x", source_document=elsewhere.pk),
        )
    mine = file_doc("mine.txt", "x", title="Lease")
    fact = fact_create(
        by=attorney,
        matter=matter,
        data=FactInput(description="x", source_document=mine.pk, source_page="4"),
    )
    assert fact.source_document == mine


def test_read_only_and_screened_users_cannot_write(
    attorney: Any, readonly: Any, screened: Any, matter: Any
) -> None:
    with pytest.raises(AccessDenied, match="read-only"):
        fact_create(by=readonly, matter=matter, data=FactInput(description="x"))
    with pytest.raises(AccessDenied, match="No such matter"):
        fact_create(by=screened, matter=matter, data=FactInput(description="x"))
    fact = fact_create(by=attorney, matter=matter, data=FactInput(description="x"))
    with pytest.raises(AccessDenied):
        fact_delete(by=screened, fact=fact)
    with pytest.raises(AccessDenied):
        fact_update(by=readonly, fact=fact, data=FactInput(description="y"))
    assert list(matter_facts(screened, matter)) == []
    assert list(matter_facts(readonly, matter)) == [fact]
    with pytest.raises(Exception, match="No such fact"):
        get_visible_fact(screened, fact.pk)


def test_update_and_delete(attorney: Any, matter: Any, people: Any) -> None:
    fact = fact_create(
        by=attorney,
        matter=matter,
        data=FactInput(date_text="2024", description="x", people=[people["client"].pk]),
    )
    fact_update(
        by=attorney,
        fact=fact,
        data=FactInput(date_text="c. 2019", description="y", disputed=True),
    )
    fact.refresh_from_db()
    assert (fact.date_text, fact.description, fact.disputed) == ("c. 2019", "y", True)
    assert not fact.people.exists()
    fact_delete(by=attorney, fact=fact)
    assert not Fact.objects.exists()
    assert _actions()[-2:] == ["chronology.fact_update", "chronology.fact_delete"]


def test_matter_facts_orders_by_date_undated_last(attorney: Any, matter: Any) -> None:
    for typed in ("", "2024", "Jan. 5, 2020", "before 2020-01-05", "March 2022"):
        fact_create(
            by=attorney, matter=matter, data=FactInput(date_text=typed, description=typed or "?")
        )
    order = [f.date_text for f in matter_facts(attorney, matter)]
    assert order[-1] == "Undated"
    assert order.index("Jan. 5, 2020") < order.index("Mar. 2022") < order.index("2024")
    assert order.index("before Jan. 5, 2020") < order.index("Jan. 5, 2020")
    material = fact_create(
        by=attorney, matter=matter, data=FactInput(description="key", material=True)
    )
    assert list(matter_facts(attorney, matter, material_only=True)) == [material]


def test_bulk_marks_tags_and_deletes(attorney: Any, matter: Any, other_matter: Any) -> None:
    facts = [
        fact_create(by=attorney, matter=matter, data=FactInput(description=str(n)))
        for n in range(3)
    ]
    stranger = fact_create(by=attorney, matter=other_matter, data=FactInput(description="o"))
    ids = [f.pk for f in facts[:2]] + [stranger.pk, "junk"]
    assert facts_bulk(by=attorney, matter=matter, fact_ids=ids, action="material") == 2
    assert set(Fact.objects.filter(material=True)) == set(facts[:2])
    assert facts_bulk(by=attorney, matter=matter, fact_ids=ids, action="disputed") == 2
    assert facts_bulk(by=attorney, matter=matter, fact_ids=ids, action="tag", issue_text="Nợ") == 2
    issue = Issue.objects.get(name="Nợ")
    assert set(issue.facts.all()) == set(facts[:2])
    facts_bulk(by=attorney, matter=matter, fact_ids=ids, action="tag", issue=issue)  # twice: once
    assert issue.facts.count() == 2
    facts_bulk(by=attorney, matter=matter, fact_ids=[facts[0].pk], action="untag", issue=issue)
    assert list(issue.facts.all()) == [facts[1]]
    with pytest.raises(ServiceError, match="Select at least one"):
        facts_bulk(by=attorney, matter=matter, fact_ids=[stranger.pk], action="material")
    with pytest.raises(ServiceError, match="Choose what"):
        facts_bulk(by=attorney, matter=matter, fact_ids=ids, action="explode")
    with pytest.raises(ServiceError, match="issue"):
        facts_bulk(by=attorney, matter=matter, fact_ids=ids, action="tag")
    assert facts_bulk(by=attorney, matter=matter, fact_ids=ids, action="delete") == 2
    assert set(Fact.objects.all()) == {facts[2], stranger}
    assert "chronology.facts_delete" in _actions()


def test_issues_case_insensitive_rename_merge_delete(attorney: Any, matter: Any) -> None:
    notice, made = issue_get_or_create(by=attorney, name="Notice")
    again, made_again = issue_get_or_create(by=attorney, name="  NOTICE ")
    assert made and not made_again and again == notice
    with pytest.raises(ServiceError, match="already an issue"):
        issue_create(by=attorney, name="notice")
    damages = issue_create(by=attorney, name="Damages")
    with pytest.raises(ServiceError, match="merge the two"):
        issue_rename(by=attorney, issue=damages, name="notice")
    issue_rename(by=attorney, issue=damages, name="Thiệt hại", description="loss")
    damages.refresh_from_db()
    assert damages.name == "Thiệt hại"
    both = fact_create(
        by=attorney,
        matter=matter,
        data=FactInput(description="x", issues=[notice.pk, damages.pk]),
    )
    one = fact_create(
        by=attorney, matter=matter, data=FactInput(description="y", issues=[notice.pk])
    )
    with pytest.raises(ServiceError, match="merge it into another"):
        issue_delete(by=attorney, issue=notice)
    assert issue_merge(by=attorney, source=notice, target=damages) == 2
    assert not Issue.objects.filter(pk=notice.pk).exists()
    assert set(damages.facts.all()) == {both, one}
    with pytest.raises(ServiceError, match="two different"):
        issue_merge(by=attorney, source=damages, target=damages)
    unused = issue_create(by=attorney, name="Unused")
    issue_delete(by=attorney, issue=unused)
    assert not Issue.objects.filter(name="Unused").exists()
    assert {"chronology.issue_rename", "chronology.issue_merge", "chronology.issue_delete"} <= set(
        _actions()
    )


def test_an_issue_used_only_on_a_walled_matter_is_hidden(
    attorney: Any, screened: Any, matter: Any, readonly: Any
) -> None:
    fact_create(by=attorney, matter=matter, data=FactInput(description="x", new_issues="Secret"))
    issue_create(by=attorney, name="Public")
    assert [i.name for i in visible_issues(screened)] == ["Public"]
    assert {i.name for i in visible_issues(readonly)} == {"Public", "Secret"}
    secret = Issue.objects.get(name="Secret")
    with pytest.raises(AccessDenied):
        issue_rename(by=screened, issue=secret, name="Leak")
    with pytest.raises(AccessDenied, match="read-only"):
        issue_create(by=readonly, name="Nope")


def test_contacts_named_by_name_or_alias(attorney: Any, matter: Any, people: Any) -> None:
    assert split_names("a; b,\nA ;") == ["a", "b"]
    found = contacts_named(attorney, f"{CLIENT}; al-noor trading co.")
    assert found == [people["client"], people["adverse-party"]]
    with pytest.raises(ServiceError, match="No contact is named Nobody"):
        contacts_named(attorney, "Nobody")


def test_suggestions_found_once_accepted_and_dismissed(
    attorney: Any, matter: Any, file_doc: Any
) -> None:
    letter = file_doc("letter.txt", LETTER, title="Letter to the client")
    file_doc("scan.txt", "not read yet", title="Unread scan", read=False)
    run = suggestions_find(by=attorney, matter=matter, enqueue=False)
    assert suggestions_find(by=attorney, matter=matter, enqueue=False) == run  # not twice
    run = suggestions_run(matter.pk, run.pk)
    assert run.status == "done" and run.progress == 100
    assert "still being read" in run.message
    found = list(FactSuggestion.objects.filter(matter=matter).order_by("offset"))
    assert run.found == len(found) >= 3
    assert found[0].date_text == "Mar. 5, 2024" and found[0].page == 1
    assert "roof over bay 3" in found[0].sentence
    assert any(s.page == 2 for s in found)

    fact = suggestion_accept(by=attorney, suggestion=found[0])
    assert (fact.date_text, fact.source_document, fact.source_page) == ("Mar. 5, 2024", letter, "1")
    found[0].refresh_from_db()
    assert found[0].status == "accepted" and found[0].fact == fact
    with pytest.raises(ServiceError, match="already accepted"):
        suggestion_accept(by=attorney, suggestion=found[0])
    suggestion_dismiss(by=attorney, suggestion=found[1])
    edited = suggestion_accept(
        by=attorney,
        suggestion=found[2],
        data=FactInput(date_text="April 2024", description="No repair in April."),
    )
    assert edited.description == "No repair in April."

    again = suggestions_run(
        matter.pk, suggestions_find(by=attorney, matter=matter, enqueue=False).pk
    )
    assert again.found == 0
    statuses = dict(FactSuggestion.objects.values_list("pk", "status"))
    assert statuses[found[1].pk] == "dismissed" and statuses[found[0].pk] == "accepted"
    assert FactSuggestion.objects.count() == len(found)
    assert {
        "chronology.suggest",
        "chronology.suggest_done",
        "chronology.suggestion_accept",
        "chronology.suggestion_dismiss",
    } <= set(_actions())

    fact_delete(by=attorney, fact=fact)  # the suggestion is offered again
    found[0].refresh_from_db()
    assert found[0].status == "pending" and found[0].fact is None


def test_suggestions_by_a_screened_or_read_only_user_are_refused(
    screened: Any, readonly: Any, matter: Any
) -> None:
    with pytest.raises(AccessDenied):
        suggestions_find(by=screened, matter=matter, enqueue=False)
    with pytest.raises(AccessDenied):
        suggestions_find(by=readonly, matter=matter, enqueue=False)
    assert not SuggestionRun.objects.exists()


def test_the_task_runs_in_the_worker(attorney: Any, matter: Any, file_doc: Any) -> None:
    """The real worker runs ``chronology_suggest`` queued by ``suggestions_find``."""
    from django.core.management import call_command
    from django.db import transaction

    file_doc("letter.txt", LETTER, title="Letter")
    with transaction.atomic():
        run = suggestions_find(by=attorney, matter=matter)
    from casedesk.web.chronology.tasks import chronology_suggest

    chronology_suggest.enqueue(matter.pk, run.pk)  # on_commit does not fire inside a test
    call_command("db_worker", "--batch", verbosity=0)
    run.refresh_from_db()
    assert run.status == "done" and run.found >= 3


def test_reading_a_document_offers_its_dated_sentences(
    attorney: Any, matter: Any, tmp_path: Any
) -> None:
    """The worker reads a filed document and its dated sentences are suggested facts at once,
    without anyone pressing "Find suggested facts"; a second reading adds nothing twice."""
    from casedesk.web.documents.document_services import IncomingFile, document_add
    from casedesk.web.documents.extraction import version_extract

    path = tmp_path / "letter.txt"
    path.write_text(
        "Dear Ms. Nguyễn,\n\nOn March 5, 2024 the tenant reported water in the warehouse. "
        "The landlord inspected the roof in April 2024 and found it sound.\n",
        encoding="utf-8",
    )
    document = document_add(by=attorney, matter=matter, incoming=IncomingFile(path, "letter.txt"))
    version_extract(document.current_version_id, index=False)
    found = FactSuggestion.objects.filter(matter=matter, version=document.current_version)
    sentences = sorted(s.sentence for s in found)
    assert any("March 5, 2024" in s for s in sentences), sentences
    assert any("April 2024" in s for s in sentences), sentences
    assert AuditEntry.objects.filter(action="chronology.suggest_done", object_id=document.pk)
    version_extract(document.current_version_id, index=False)
    assert found.count() == len(sentences)
