"""Importing opinions: the real files, twice, corrupt lines, resuming after a crash, the graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.research import import_services
from casedesk.web.research.import_services import import_resume, import_run, import_start
from casedesk.web.research.models import CitationRef, ImportJob, Opinion, OpinionCitation
from casedesk.web.research.selectors import citation_lookup, cited_by, opinion_detail
from tests.web.research.conftest import BROWN, CITING, MIRANDA, ROE, SCOTUS

pytestmark = pytest.mark.django_db

needs_data = pytest.mark.skipif(
    not SCOTUS.exists(), reason=f"the shared data ({SCOTUS}) is not on this machine"
)


@needs_data
def test_real_file_imports_fifty_and_a_second_time_nothing(run_import: Callable[..., Any]) -> None:
    first = run_import(SCOTUS)
    assert (first.status, first.added, first.skipped, first.rejected_count) == ("done", 50, 0, 0)
    assert Opinion.objects.count() == 50
    assert CitationRef.objects.count() > 500  # Supreme Court opinions cite a great deal
    roe = CitationRef.objects.filter(normalized="410 U.S. 113")
    assert all(r.sentence for r in roe[:5])
    second = run_import(SCOTUS)
    assert (second.status, second.added, second.skipped) == ("done", 0, 50)
    assert Opinion.objects.count() == 50
    actions = list(
        AuditEntry.objects.filter(object_id=str(first.pk), object_type="import_job").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["research.import_finish", "research.import_start"]


def test_corrupt_line_is_reported_and_the_rest_kept(
    write_jsonl: Callable[..., Path], run_import: Callable[..., Any]
) -> None:
    no_text = {**BROWN, "id": "t-empty", "text": ""}
    path = write_jsonl([ROE, '{"id": "broken", "text": "trunc', no_text, MIRANDA])
    job = run_import(path)
    assert job.status == "done"
    assert (job.added, job.rejected_count) == (2, 2)
    where = [r["where"] for r in job.rejected]
    assert where[0] == "line 2" and "t-empty" in where[1]
    assert all(r["reason"] for r in job.rejected)
    assert set(Opinion.objects.values_list("source_id", flat=True)) == {"t-roe", "t-miranda"}


def _five(write_jsonl: Callable[..., Path]) -> Path:
    rows = [{**ROE, "id": f"t-{n}", "citations": [f"{100 + n} U.S. {n + 1}"]} for n in range(5)]
    return write_jsonl(rows)


def test_resume_after_a_crash_adds_only_the_rest(
    write_jsonl: Callable[..., Path], clerk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _five(write_jsonl)
    monkeypatch.setattr(import_services, "BATCH", 2)
    real_commit = import_services._commit
    calls = {"n": 0}

    def crashing(*args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk unplugged")
        real_commit(*args, **kwargs)

    monkeypatch.setattr(import_services, "_commit", crashing)
    job = import_start(by=clerk, files=[path], enqueue=False)
    job = import_run(job.pk)
    assert job.status == "failed" and "disk unplugged" in job.message
    assert (job.added, job.position) == (2, 2)
    assert Opinion.objects.count() == 2

    monkeypatch.setattr(import_services, "_commit", real_commit)
    import_resume(by=clerk, job=job, enqueue=False)
    job = import_run(job.pk)
    assert job.status == "done"
    assert (job.added, job.skipped) == (5, 0)
    assert Opinion.objects.count() == 5


def test_a_set_resume_point_reads_only_what_follows(
    write_jsonl: Callable[..., Path], clerk: Any
) -> None:
    path = _five(write_jsonl)
    job = import_start(by=clerk, files=[path], enqueue=False)
    ImportJob.objects.filter(pk=job.pk).update(position=3, status="running")
    job = import_run(job.pk)
    assert job.status == "done"
    assert sorted(Opinion.objects.values_list("source_id", flat=True)) == ["t-3", "t-4"]


def test_citation_graph_resolves_when_the_cited_case_arrives_later(
    write_jsonl: Callable[..., Path], run_import: Callable[..., Any]
) -> None:
    run_import(write_jsonl([CITING]))
    citing = Opinion.objects.get(source_id="t-citing")
    refs = CitationRef.objects.filter(citing=citing, normalized="410 U.S. 113")
    assert {r.kind for r in refs} >= {"full", "id"}
    assert all(r.target_id is None for r in refs)
    assert "153" in refs.get(kind="full").pin_cite

    run_import(write_jsonl([ROE, BROWN, MIRANDA]))
    roe = Opinion.objects.get(source_id="t-roe")
    assert OpinionCitation.objects.get(opinion=roe).normalized == "410 U.S. 113"
    assert all(r.target_id == roe.pk for r in refs.all())
    assert roe.cited_by_count == 1
    brown = Opinion.objects.get(source_id="t-brown")
    assert brown.cited_by_count == 1  # Miranda (twice: full and Id.) counts once

    rows = cited_by("410 U.S. 113")
    assert [(r.opinion.source_id, r.count) for r in rows] == [("t-citing", 2)]
    # A case that is not in the library is still in the citator.
    plessy = cited_by("163 U.S. 537")
    assert {r.opinion.source_id for r in plessy} == {"t-citing", "t-brown"}

    view = opinion_detail(citing.pk)
    assert f'href="/research/opinions/{roe.pk}/"' in view.text_html
    assert "cite-unknown" in view.text_html  # Plessy links to the citator
    assert [c.opinion.source_id for _, rows in opinion_detail(roe.pk).cited_by for c in rows] == [
        "t-citing"
    ]


def test_text_is_escaped_around_links(write_jsonl: Callable[..., Path], run_import) -> None:
    evil = {**CITING, "id": "t-evil", "text": "<script>x</script> " + CITING["text"]}
    run_import(write_jsonl([evil]))
    html = opinion_detail(Opinion.objects.get(source_id="t-evil").pk).text_html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_lookup_lists_unknown_citations_and_non_citations(library: Any) -> None:
    result = citation_lookup("410 U. S. 113; 999 F.4th 1\nnot a citation")
    assert [(r.citation, [o.source_id for o in r.opinions]) for r in result.rows] == [
        ("410 U.S. 113", ["t-roe"]),
        ("999 F.4th 1", []),
    ]
    assert result.missing == ["999 F.4th 1"]
    assert result.not_citations == ["not a citation"]


def test_readonly_cannot_import(readonly: Any, write_jsonl: Callable[..., Path]) -> None:
    with pytest.raises(AccessDenied):
        import_start(by=readonly, files=[write_jsonl([ROE])], enqueue=False)
    assert not ImportJob.objects.exists()


def test_zip_is_refused(clerk: Any, tmp_path: Path) -> None:
    from casedesk.web.errors import ServiceError

    path = tmp_path / "opinions.zip"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(ServiceError, match="not a ZIP"):
        import_start(by=clerk, files=[path], enqueue=False)


def test_the_worker_runs_a_queued_import(
    clerk: Any, write_jsonl: Callable[..., Path], django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        job = import_start(by=clerk, files=[write_jsonl([ROE, BROWN])])
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.added, job.progress) == ("done", 2, 100)
    assert not Path(job.folder).exists()  # the uploaded copy is removed when done


STRICKLAND = {
    "id": "t-strickland",
    "case_name": "Strickland v. Washington",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1984-05-14",
    "citations": ["466 U. S. 668"],
    "text": "JUSTICE O'CONNOR delivered the opinion of the Court. Counsel's performance was "
    "deficient and it prejudiced the defense.",
}
SHORT_FORMS = {
    "id": "t-short",
    "case_name": "Doe v. Warden",
    "court": "nm",
    "jurisdiction": "New Mexico",
    "date_filed": "2010-02-01",
    "citations": [],
    "text": "Strickland v. Washington, 466 U.S. 668, 687 (1984). Counsel erred. "
    "Strickland, 466 U.S., at 694. Prejudice follows.",
}


def test_short_forms_are_stored_under_their_antecedent(
    write_jsonl: Callable[..., Path], run_import: Callable[..., Any]
) -> None:
    from casedesk.web.research.indexing import indexed_forms
    from casedesk.web.research.selectors import opinion_search

    run_import(write_jsonl([STRICKLAND, SHORT_FORMS]))
    strickland = Opinion.objects.get(source_id="t-strickland")
    citing = Opinion.objects.get(source_id="t-short")
    refs = list(CitationRef.objects.filter(citing=citing).order_by("position"))
    assert [(r.kind, r.normalized, r.pin_cite) for r in refs] == [
        ("full", "466 U.S. 668", "687"),
        ("short", "466 U.S. 668", "694"),
    ]
    assert all(r.target_id == strickland.pk for r in refs)
    view = opinion_detail(citing.pk)
    assert view.outgoing == [("466 U.S. 668", strickland, 2)]
    assert "cite-unknown" not in view.text_html
    assert cited_by("466 U.S. 687") == []
    (forms,) = indexed_forms([citing])
    assert forms.cites == ("466 U.S. 668",)
    assert opinion_search('cites:"466 U.S. 687"').hits == []
    assert [h.opinion.source_id for h in opinion_search('cites:"466 U.S. 668"').hits] == ["t-short"]


def test_a_short_form_without_antecedent_is_not_a_case_cited(
    write_jsonl: Callable[..., Path], run_import: Callable[..., Any]
) -> None:
    from casedesk.web.research.indexing import indexed_forms
    from casedesk.web.research.selectors import most_cited

    orphan = {**SHORT_FORMS, "id": "t-orphan", "text": "As held, 466 U. S., at 694, it fails."}
    run_import(write_jsonl([orphan]))
    citing = Opinion.objects.get(source_id="t-orphan")
    refs = list(CitationRef.objects.filter(citing=citing))
    assert [(r.kind, r.normalized, r.target_id) for r in refs] == [("short", "466 U.S. 694", None)]
    assert opinion_detail(citing.pk).outgoing == []
    (forms,) = indexed_forms([citing])
    assert forms.cites == ()
    assert cited_by("466 U.S. 694") == [] and most_cited() == []
    # An opinion that has that citation arriving later does not pick the short form up.
    run_import(write_jsonl([{**STRICKLAND, "id": "t-694", "citations": ["466 U.S. 694"]}]))
    assert CitationRef.objects.get(citing=citing).target_id is None


def test_import_summary_has_real_plurals(
    write_jsonl: Callable[..., Path], run_import: Callable[..., Any]
) -> None:
    assert run_import(write_jsonl([ROE])).message.startswith("Added 1 opinion;")
    assert run_import(write_jsonl([BROWN, MIRANDA])).message.startswith("Added 2 opinions;")
