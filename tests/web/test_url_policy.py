"""Every URL the site has, for every kind of user: who may reach it, and no trace of a walled matter.

The table ROUTES must name every URL pattern Django resolves; a new page that is not in it
fails this test until someone decides its policy. (security-and-reliability.md, goal S1/S3.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from casedesk.web.api.models import ApiToken
from casedesk.web.api.services import api_token_create
from casedesk.web.audit.models import AuditVerification
from casedesk.web.matters.models import ConflictHitRecord, Matter
from casedesk.web.matters.services import (
    PartyInput,
    conflict_hit_dispose,
    intake_create,
    matter_open,
    wall_create,
)
from casedesk.web.scheduling.chain_services import ChainInput, chain_create
from casedesk.web.scheduling.feed_services import feed_create
from casedesk.web.scheduling.task_services import task_create

CANARY = "ZEBRA-CANARY"

# route -> (who may reach it, which object fills its <pk>)
#   open: no sign-in; user: any signed-in user; admin: administrators only (404 for others)
#   object kinds: matter, contact, check, hit, user, wall, verification, token, fmt, feed,
#   chain, deadline (also the walled event for calendar/events/...), task,
#   document, trashed (a walled document in the trash), version, proposal, hold,
#   communication, template, generated, opinion, job, citecheck, authority, toa,
#   fact, suggestion, suggestionrun, issue (one used only on the walled matter),
#   report (a case report made of the walled matter)
ROUTES: dict[str, tuple[str, str | None]] = {
    "health": ("open", None),
    "login/": ("open", None),
    "logout/": ("user", None),
    "users/": ("admin", None),
    "users/new/": ("admin", None),
    "users/<int:pk>/": ("admin", "user"),
    "users/<int:pk>/active/": ("admin", "user"),
    "users/<int:pk>/unlock/": ("admin", "user"),
    "users/walls/": ("admin", None),
    "users/walls/matters/": ("admin", None),
    "users/walls/<int:pk>/lift/": ("admin", "wall"),
    "": ("user", None),
    "contacts/": ("user", None),
    "contacts/clients/": ("user", None),
    "contacts/new/": ("user", None),
    "contacts/<int:pk>/": ("user", "contact"),
    "contacts/<int:pk>/edit/": ("user", "contact"),
    "contacts/<int:pk>/aliases/": ("user", "contact"),
    "contacts/<int:pk>/relationships/": ("user", "contact"),
    "contacts/<int:pk>/relationships/candidates/": ("user", "contact"),
    "matters/": ("user", None),
    "matters/intake/": ("user", None),
    "matters/<int:pk>/": ("user", "matter"),
    "matters/<int:pk>/edit/": ("user", "matter"),
    "matters/<int:pk>/parties/add/": ("user", "matter"),
    "matters/<int:pk>/team/add/": ("user", "matter"),
    "matters/<int:pk>/close/": ("user", "matter"),
    "matters/conflicts/": ("user", None),
    "matters/conflicts/<int:pk>/": ("user", "check"),
    "matters/conflicts/<int:pk>/pdf": ("user", "check"),
    "matters/conflicts/<int:pk>/open/": ("user", "check"),
    "matters/conflicts/<int:pk>/decline/": ("user", "check"),
    "matters/conflicts/hits/<int:pk>/dispose/": ("user", "hit"),
    "audit/": ("admin", None),
    "audit/verify/": ("admin", None),
    "audit/verify/<int:pk>/": ("admin", "verification"),
    "transfer/": ("user", None),
    "transfer/check/": ("user", None),
    "transfer/import/": ("user", None),
    "transfer/export/<str:fmt>/": ("user", "fmt"),
    "api/v1/openapi.json": ("api", None),
    "api/v1/docs": ("api", None),
    "api/v1/": ("api", None),
    "api/v1/matters": ("api", None),
    "api/v1/matters/<matter_id>": ("api", "matter"),
    "api/v1/intake": ("api", None),
    "api/v1/contacts": ("api", None),
    "api/v1/contacts/<contact_id>": ("api", "contact"),
    "api/v1/templates": ("api", None),
    "api/v1/templates/<template_id>": ("api", "template"),
    "api/v1/matters/<matter_id>/templates/<template_id>/questions": ("api", "matter"),
    "api/v1/matters/<matter_id>/documents/generate": ("api", "matter"),
    "api/v1/generated/<generated_id>": ("api", "generated"),
    "api/v1/matters/<matter_id>/communications": ("api", "matter"),
    "api/v1/communications/<communication_id>": ("api", "communication"),
    "api/v1/matters/<matter_id>/emails": ("api", "matter"),
    "api/v1/opinions/search": ("api", None),
    "api/v1/opinions/<opinion_pk>": ("api", "opinion"),
    "api/v1/citations/lookup": ("api", None),
    "api/v1/citations/cited-by": ("api", None),
    "api/v1/cite-checks": ("api", None),
    "api/v1/cite-checks/<check_id>": ("api", "citecheck"),
    "api/v1/matters/<matter_id>/authorities": ("api", "matter"),
    "api/v1/authorities/<authority_id>": ("api", "authority"),
    "api/v1/conflicts/search": ("api", None),
    "api/v1/matters/<matter_id>/documents": ("api", "matter"),
    "api/v1/documents/search": ("api", None),
    "api/v1/documents/<document_id>": ("api", "document"),
    "api/v1/documents/<document_id>/content": ("api", "document"),
    "api-tokens/": ("user", None),
    "api-tokens/new": ("user", None),
    "api-tokens/<int:pk>/revoke": ("user", "token"),
    # iCalendar feeds, export, import (the feed URL's secret token is its credential)
    "calendar/feeds/": ("user", None),
    "calendar/feeds/new/": ("user", None),
    "calendar/feeds/<int:pk>/revoke/": ("user", "feed"),
    "calendar/feeds/<str:token>.ics": ("open", None),
    "calendar/export.ics": ("user", None),
    "calendar/matters/<int:pk>/export.ics": ("user", "matter"),
    "calendar/import/": ("user", None),
    # Deadline chains and computed deadlines (views_chains)
    "calendar/matters/<int:pk>/chains/new/": ("user", "matter"),
    "calendar/chains/<int:pk>/": ("user", "chain"),
    "calendar/chains/<int:pk>/move/": ("user", "chain"),
    "calendar/chains/<int:pk>/delete/": ("user", "chain"),
    "calendar/deadlines/<int:pk>/complete/": ("user", "deadline"),
    "calendar/deadlines/<int:pk>/reopen/": ("user", "deadline"),
    "calendar/deadlines/<int:pk>/delete/": ("user", "deadline"),
    "calendar/deadlines/<int:pk>/override/": ("user", "deadline"),
    # Calendars, events (a walled deadline is an event) and tasks (views_calendar, views_tasks)
    "calendar/": ("user", None),
    "calendar/firm/": ("user", None),
    "calendar/matters/<int:pk>/": ("user", "matter"),
    "calendar/events/new/": ("user", None),
    "calendar/events/<int:pk>/": ("user", "deadline"),
    "calendar/events/<int:pk>/edit/": ("user", "deadline"),
    "calendar/events/<int:pk>/cancel/": ("user", "deadline"),
    "calendar/events/<int:pk>/delete/": ("user", "deadline"),
    "calendar/contacts/search/": ("user", None),
    "calendar/tasks/": ("user", None),
    "calendar/tasks/new/": ("user", None),
    "calendar/tasks/<int:pk>/edit/": ("user", "task"),
    "calendar/tasks/<int:pk>/complete/": ("user", "task"),
    "calendar/tasks/<int:pk>/reopen/": ("user", "task"),
    "calendar/tasks/<int:pk>/delete/": ("user", "task"),
    # Documents: case files, documents, versions, holds, proposals, search, trash, categories
    "documents/matter/<int:pk>/": ("user", "matter"),
    "documents/matter/<int:pk>/upload/": ("user", "matter"),
    "documents/matter/<int:pk>/bulk/": ("user", "matter"),
    "documents/matter/<int:pk>/index.csv": ("user", "matter"),
    "documents/matter/<int:pk>/index.pdf": ("user", "matter"),
    "documents/matter/<int:pk>/hold/": ("user", "matter"),
    "documents/matter/<int:pk>/summary/": ("user", "matter"),
    "documents/holds/<int:pk>/release/": ("user", "hold"),
    "documents/<int:pk>/": ("user", "document"),
    "documents/<int:pk>/edit/": ("user", "document"),
    "documents/<int:pk>/status/": ("user", "document"),
    "documents/<int:pk>/download/": ("user", "document"),
    "documents/<int:pk>/searchable/": ("user", "document"),
    "documents/<int:pk>/view/": ("user", "document"),
    "documents/<int:pk>/versions/new/": ("user", "document"),
    "documents/<int:pk>/check-out/": ("user", "document"),
    "documents/<int:pk>/release/": ("user", "document"),
    "documents/<int:pk>/hold/": ("user", "document"),
    "documents/<int:pk>/trash/": ("user", "document"),
    "documents/<int:pk>/untrash/": ("user", "trashed"),
    "documents/<int:pk>/purge/": ("user", "trashed"),
    "documents/versions/<int:pk>/download/": ("user", "version"),
    "documents/versions/<int:pk>/restore/": ("user", "version"),
    "documents/proposals/<int:pk>/confirm/": ("user", "proposal"),
    "documents/proposals/<int:pk>/dismiss/": ("user", "proposal"),
    "documents/search/": ("user", None),
    "documents/trash/": ("user", None),
    "documents/categories/": ("admin", None),
    "drafting/templates/": ("user", None),
    "drafting/templates/install-starter/": ("admin", None),
    "drafting/templates/<int:pk>/": ("user", "template"),
    "drafting/templates/<int:pk>/versions/new/": ("user", "template"),
    "drafting/templates/<int:pk>/archive/": ("user", "template"),
    "drafting/templates/<int:pk>/download/<int:number>/": ("user", "template"),
    "drafting/firm/": ("admin", None),
    "drafting/matter/<int:pk>/": ("user", "matter"),
    "drafting/matter/<int:pk>/template/<int:template_pk>/": ("user", "matter"),
    "drafting/generated/<int:pk>/": ("user", "generated"),
    "drafting/generated/<int:pk>/status/": ("user", "generated"),
    "drafting/generated/<int:pk>/pdf/": ("user", "generated"),
    "drafting/generated/<int:pk>/download/docx/": ("user", "generated"),
    "drafting/generated/<int:pk>/download/pdf/": ("user", "generated"),
    "research/": ("user", None),
    "research/opinions/<int:pk>/": ("user", "opinion"),
    "research/opinions/<int:pk>/save/": ("user", "opinion"),
    "research/lookup/": ("user", None),
    "research/cited-by/": ("user", None),
    "research/import/": ("user", None),
    "research/import/<int:pk>/": ("user", "job"),
    "research/import/<int:pk>/status/": ("user", "job"),
    "research/import/<int:pk>/resume/": ("user", "job"),
    "research/import/<int:pk>/cancel/": ("user", "job"),
    "research/cite-check/": ("user", None),
    "research/cite-check/<int:pk>/": ("user", "citecheck"),
    "research/cite-check/<int:pk>/status/": ("user", "citecheck"),
    "research/cite-check/<int:pk>/report.json": ("user", "citecheck"),
    "research/cite-check/<int:pk>/report.html": ("user", "citecheck"),
    "research/cite-check/<int:pk>/report.pdf": ("user", "citecheck"),
    "research/matter/<int:pk>/authorities/": ("user", "matter"),
    "research/authorities/<int:pk>/edit/": ("user", "authority"),
    "research/authorities/<int:pk>/delete/": ("user", "authority"),
    "correspondence/matter/<int:pk>/": ("user", "matter"),
    "correspondence/matter/<int:pk>/log/": ("user", "matter"),
    "correspondence/<int:pk>/edit/": ("user", "communication"),
    "correspondence/<int:pk>/delete/": ("user", "communication"),
    "correspondence/matter/<int:pk>/email/": ("user", "matter"),
    "correspondence/import/": ("user", None),
    "correspondence/matter/<int:pk>/import/": ("user", "matter"),
    "correspondence/import/<str:token>/": ("user", None),
    # Trial materials (web/trial): exhibits, witnesses, the privilege log
    "trial/matter/<int:pk>/exhibits/": ("user", "matter"),
    "trial/matter/<int:pk>/exhibits/mark/": ("user", "matter"),
    "trial/matter/<int:pk>/exhibits/add/": ("user", "matter"),
    "trial/matter/<int:pk>/exhibits/heading/": ("user", "matter"),
    "trial/matter/<int:pk>/exhibits/list.docx": ("user", "matter"),
    "trial/matter/<int:pk>/exhibits/list.pdf": ("user", "matter"),
    "trial/matter/<int:pk>/exhibits/list.xlsx": ("user", "matter"),
    "trial/matter/<int:pk>/exhibits/list.csv": ("user", "matter"),
    "trial/exhibits/<int:pk>/": ("user", "exhibit"),
    "trial/exhibits/<int:pk>/row/": ("user", "exhibit"),
    "trial/exhibits/<int:pk>/status/": ("user", "exhibit"),
    "trial/exhibits/<int:pk>/sticker/": ("user", "exhibit"),
    "trial/exhibits/<int:pk>/sticker.pdf": ("user", "exhibit"),
    "trial/exhibits/<int:pk>/delete/": ("user", "exhibit"),
    "trial/matter/<int:pk>/witnesses/": ("user", "matter"),
    "trial/matter/<int:pk>/witnesses/list.docx": ("user", "matter"),
    "trial/matter/<int:pk>/witnesses/list.pdf": ("user", "matter"),
    "trial/witnesses/<int:pk>/": ("user", "witness"),
    "trial/witnesses/<int:pk>/move/": ("user", "witness"),
    "trial/witnesses/<int:pk>/delete/": ("user", "witness"),
    "trial/matter/<int:pk>/privilege/": ("user", "matter"),
    "trial/matter/<int:pk>/privilege/log.csv": ("user", "matter"),
    "trial/matter/<int:pk>/privilege/log.xlsx": ("user", "matter"),
    "trial/matter/<int:pk>/privilege/log.pdf": ("user", "matter"),
    "trial/privilege/document/<int:pk>/": ("user", "document"),
    "trial/privilege/<int:pk>/": ("user", "privilege"),
    "trial/privilege/<int:pk>/delete/": ("user", "privilege"),
    # Case reports (web/reports): a walled matter's report and its files
    "reports/matter/<int:pk>/": ("user", "matter"),
    "reports/<int:pk>/status/": ("user", "report"),
    "reports/<int:pk>/report.pdf": ("user", "report"),
    "reports/<int:pk>/report.docx": ("user", "report"),
    "productions/matter/<int:pk>/": ("user", "matter"),
    "productions/matter/<int:pk>/new/": ("user", "matter"),
    "productions/<int:pk>/": ("user", "production"),
    "productions/<int:pk>/status/": ("user", "production"),
    "productions/<int:pk>/volume.zip": ("user", "production"),
    "productions/<int:pk>/log.csv": ("user", "production"),
    "productions/<int:pk>/log.xlsx": ("user", "production"),
    "productions/<int:pk>/log.pdf": ("user", "production"),
    "productions/<int:pk>/retry/": ("user", "production"),
    "productions/items/<int:pk>/pdf/": ("user", "productionitem"),
    "productions/matter/<int:pk>/binders/": ("user", "matter"),
    "productions/matter/<int:pk>/binders/new/": ("user", "matter"),
    "productions/binders/<int:pk>/": ("user", "binder"),
    "productions/binders/<int:pk>/status/": ("user", "binder"),
    "productions/binders/<int:pk>/build/": ("user", "binder"),
    "productions/binders/<int:pk>/download/": ("user", "binder"),
    "productions/binders/<int:pk>/delete/": ("user", "binder"),
    # Tables of authorities (web/toa): a walled matter's table
    "toa/": ("user", None),
    "toa/<int:pk>/": ("user", "toa"),
    "toa/<int:pk>/status/": ("user", "toa"),
    "toa/<int:pk>/merge/": ("user", "toa"),
    "toa/<int:pk>/rename/": ("user", "toa"),
    "toa/<int:pk>/move/": ("user", "toa"),
    "toa/<int:pk>/undo/": ("user", "toa"),
    "toa/<int:pk>/passim/": ("user", "toa"),
    "toa/<int:pk>/toa.json": ("user", "toa"),
    "toa/<int:pk>/toa.docx": ("user", "toa"),
    "toa/<int:pk>/toa.pdf": ("user", "toa"),
    "toa/<int:pk>/pdf/": ("user", "toa"),
    "toa/<int:pk>/pdf/status/": ("user", "toa"),
    "toa/<int:pk>/file/": ("user", "toa"),
    # keep last among the productions: it deletes during the walk
    "productions/<int:pk>/delete/": ("user", "production"),
    # Fact chronologies (web/chronology): a walled matter's facts, suggestions and issue
    "chronology/matter/<int:pk>/": ("user", "matter"),
    "chronology/matter/<int:pk>/add/": ("user", "matter"),
    "chronology/matter/<int:pk>/bulk/": ("user", "matter"),
    "chronology/matter/<int:pk>/facts.csv": ("user", "matter"),
    "chronology/matter/<int:pk>/timeline/": ("user", "matter"),
    "chronology/matter/<int:pk>/timeline.svg": ("user", "matter"),
    "chronology/matter/<int:pk>/timeline.png": ("user", "matter"),
    "chronology/matter/<int:pk>/by-issue/": ("user", "matter"),
    "chronology/matter/<int:pk>/by-person/": ("user", "matter"),
    "chronology/matter/<int:pk>/import/": ("user", "matter"),
    "chronology/matter/<int:pk>/import/confirm/": ("user", "matter"),
    "chronology/matter/<int:pk>/suggestions/": ("user", "matter"),
    "chronology/matter/<int:pk>/suggestions/find/": ("user", "matter"),
    "chronology/facts/<int:pk>/": ("user", "fact"),
    "chronology/suggestions/<int:pk>/": ("user", "suggestion"),
    "chronology/suggestions/<int:pk>/accept/": ("user", "suggestion"),
    "chronology/suggestions/<int:pk>/dismiss/": ("user", "suggestion"),
    "chronology/runs/<int:pk>/status/": ("user", "suggestionrun"),
    "chronology/date/": ("user", None),
    "chronology/issues/": ("user", None),
    "chronology/issues/<int:pk>/": ("user", "issue"),
    "chronology/issues/<int:pk>/merge/": ("user", "issue"),
    "chronology/issues/<int:pk>/delete/": ("user", "issue"),
    "chronology/facts/<int:pk>/delete/": ("user", "fact"),  # deletes during the walk
}
ACTORS = ["anonymous", "screened", "lead", "secretary", "clerk", "admin", "readonly"]


def all_routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from all_routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def test_every_route_has_a_policy() -> None:
    unknown = sorted(set(all_routes()) - set(ROUTES))
    assert not unknown, f"Decide who may reach these and add them to ROUTES: {unknown}"


@pytest.fixture
def firm(make_user, settings, tmp_path):
    settings.CASEDESK_BLOB_DIR = tmp_path / "blobs"
    settings.CASEDESK_INDEX_DIR = tmp_path / "index"
    users = {
        "screened": make_user("attorney", "screened"),
        "lead": make_user("attorney", "lead"),
        "secretary": make_user("secretary", "sec"),
        "clerk": make_user("clerk", "clk"),
        "admin": make_user("admin", "adm"),
        "readonly": make_user("readonly", "ro"),
    }
    lead, admin = users["lead"], users["admin"]
    old = intake_create(
        by=lead,
        title="Quackenbush estate",
        practice_area="estate",
        client=PartyInput("Hermione Quackenbush", "person", "client"),
        responsible_attorney=lead,
    )
    matter_open(by=lead, matter=old)
    walled = intake_create(
        by=lead,
        title=f"{CANARY} Holdings dispute",
        practice_area="litigation",
        client=PartyInput(f"{CANARY} Holdings Inc.", "organization", "client"),
        other_parties=[PartyInput("Hermione Quackenbush", "person", "witness")],
        responsible_attorney=lead,
    )
    hit = ConflictHitRecord.objects.filter(conflict_check__matter=walled).first()
    assert hit is not None, "the walled intake's witness should hit the older matter's client"
    wall_create(by=admin, matter=walled, user=users["screened"], reason="lateral hire")
    token, _ = api_token_create(by=lead, name="integration")
    verification = AuditVerification.objects.create(requested_by=admin)
    wall = walled.walls.get()
    walled_chain = chain_create(
        by=lead,
        matter=walled,
        inp=ChainInput("federal-complaint-served", "federal", dt.date(2027, 3, 10)),
        rule_ids=["frcp-answer"],
    )
    objects = {
        "matter": walled.pk,
        "contact": walled.parties.get(role="client").contact_id,
        "check": walled.conflict_checks.get().pk,
        "hit": hit.pk,
        "user": users["clerk"].pk,
        "wall": wall.pk,
        "verification": verification.pk,
        "token": token.pk,
        "fmt": "json",
        "feed": feed_create(by=lead, matter=walled)[0].pk,
        "chain": walled_chain.pk,
        "deadline": walled_chain.deadlines.get().pk,
        "task": task_create(by=lead, title=f"{CANARY} task", matter=walled, assignee=lead).pk,
        **walled_documents(lead, walled, tmp_path),
        "communication": walled_communication(lead, walled),
        **walled_drafts(lead, walled, tmp_path),
        **walled_research(lead, walled, tmp_path),
        **walled_productions(lead, walled, tmp_path),
        "toa": walled_toa(lead, walled, tmp_path),
    }
    objects.update(walled_trial(lead, walled, objects["document"]))
    objects.update(walled_reports(lead, walled))
    objects.update(walled_chronology(lead, walled, objects["document"]))
    keys = {name: api_token_create(by=user, name="walk")[1] for name, user in users.items()}
    return users, objects, keys, walled


def walled_documents(lead, walled, tmp_path) -> dict[str, int]:
    """A filed and a trashed document of the walled matter, a version, a proposal and a hold."""
    from casedesk.web.documents.document_services import IncomingFile, document_add
    from casedesk.web.documents.models import Proposal
    from casedesk.web.documents.retention_services import document_trash, hold_place

    docs = []
    for name in ("memo.txt", "old.txt"):
        path = tmp_path / name
        path.write_text(f"{CANARY} {name}")
        docs.append(document_add(by=lead, matter=walled, incoming=IncomingFile(path, name)))
    document_trash(by=lead, document=docs[1])
    proposal = Proposal.objects.create(
        version=docs[0].current_version,
        matter=walled,
        kind="matter_field",
        field_kind="court",
        label=f"Court: {CANARY} court",
        value=f"{CANARY} court",
        payload={"field": "court", "value": f"{CANARY} court"},
    )
    hold = hold_place(by=lead, reason=f"{CANARY} preservation", matter=walled)
    return {
        "document": docs[0].pk,
        "trashed": docs[1].pk,
        "version": docs[0].current_version_id,
        "proposal": proposal.pk,
        "hold": hold.pk,
    }


def walled_communication(lead, walled) -> int:
    """A logged call on the walled matter."""
    from django.utils import timezone

    from casedesk.web.correspondence.services import communication_log

    entry = communication_log(
        by=lead,
        matter=walled,
        kind="call",
        direction="in",
        occurred_at=timezone.now(),
        participants=f"{CANARY} caller",
        subject=f"{CANARY} call",
        summary="",
    )
    return entry.pk


def walled_drafts(lead, walled, tmp_path) -> dict[str, int]:
    """A firm template and a document generated from it on the walled matter."""
    from docx import Document

    from casedesk.web.drafting.services import document_generate
    from casedesk.web.drafting.template_services import template_upload

    path = tmp_path / "t.docx"
    doc = Document()
    doc.add_paragraph("{{ client.name }} {{ matter.title }}")
    doc.save(path)
    template = template_upload(by=lead, name="T", path=path, filename="t.docx")
    generated = document_generate(
        by=lead, matter=walled, template=template, raw_answers={}, pdf=True
    )
    return {"template": template.pk, "generated": generated.pk}


def walled_research(lead, walled, tmp_path) -> dict[str, int]:
    """An imported opinion and its job (firm-wide), a cite-check and an authority of the walled
    matter."""
    import json

    from casedesk.web.research.import_services import import_run, import_start
    from casedesk.web.research.services import authority_save, cite_check_run, cite_check_start

    source = tmp_path / "roe.jsonl"
    record = {
        "id": "t-roe",
        "case_name": "Roe v. Wade",
        "court": "scotus",
        "jurisdiction": "US",
        "date_filed": "1973-01-22",
        "citations": ["410 U.S. 113"],
        "text": "The right of privacy. Brown v. Board, 347 U.S. 483 (1954).",
    }
    source.write_text(json.dumps(record) + "\n")
    job = import_run(import_start(by=lead, files=[source], enqueue=False).pk)
    opinion = job.opinions.get()
    draft = tmp_path / f"{CANARY}.txt"
    draft.write_text(f"{CANARY} brief. Roe v. Wade, 410 U.S. 113 (1973).")
    check = cite_check_start(by=lead, path=draft, filename=draft.name, matter=walled, enqueue=False)
    cite_check_run(check.pk)
    authority = authority_save(by=lead, matter=walled, opinion=opinion, notes=f"{CANARY} note")
    return {"opinion": opinion.pk, "job": job.pk, "citecheck": check.pk, "authority": authority.pk}


def walled_productions(lead, walled, tmp_path) -> dict[str, int]:
    """A built production of the walled matter (and its produced document), a built binder."""
    import pikepdf

    from casedesk.web.documents.document_services import IncomingFile, document_add
    from casedesk.web.productions.binder_services import (
        BinderTab,
        binder_build,
        binder_run,
        binder_save,
    )
    from casedesk.web.productions.build import production_run
    from casedesk.web.productions.services import production_create

    path = tmp_path / "exhibit.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path)
    doc = document_add(by=lead, matter=walled, incoming=IncomingFile(path, f"{CANARY}.pdf"))
    production = production_run(
        production_create(
            by=lead, matter=walled, document_ids=[doc.pk], prefix="ZC", enqueue=False
        ).pk
    )
    binder = binder_save(by=lead, matter=walled, title=f"{CANARY} binder", tabs=[BinderTab(doc.pk)])
    binder_build(by=lead, binder=binder, enqueue=False)
    binder_run(binder.pk)
    return {
        "production": production.pk,
        "productionitem": production.items.get().pk,
        "binder": binder.pk,
    }


def walled_toa(lead, walled, tmp_path) -> int:
    """A finished table of authorities of the walled matter (its brief names the canary)."""
    from casedesk.web.toa.services import toa_run, toa_start
    from tests.web.toa.briefs import write_brief

    brief = write_brief(tmp_path / f"{CANARY}-brief.pdf", canary=CANARY)
    table = toa_start(by=lead, path=brief, filename=brief.name, matter=walled, enqueue=False)
    return toa_run(table.pk).pk


def walled_trial(lead, walled, document_id) -> dict[str, int]:
    """An exhibit (its sticker made), a witness and a privilege log entry of the walled matter."""
    from casedesk.web.documents.models import Document
    from casedesk.web.trial.exhibit_services import exhibits_mark
    from casedesk.web.trial.privilege_services import PrivilegeInput, privilege_entry_create
    from casedesk.web.trial.stickers import sticker_make
    from casedesk.web.trial.witness_services import WitnessInput, witness_create

    document = Document.objects.get(pk=document_id)
    (exhibit,) = exhibits_mark(
        by=lead, matter=walled, document_ids=[document.pk], party="plaintiff", enqueue=False
    )
    sticker_make(exhibit.pk)
    witness = witness_create(by=lead, matter=walled, data=WitnessInput(name=f"{CANARY} witness"))
    entry = privilege_entry_create(
        by=lead, document=document, data=PrivilegeInput(description=f"{CANARY} memo")
    ).entry
    return {"exhibit": exhibit.pk, "witness": witness.pk, "privilege": entry.pk}


def walled_chronology(lead, walled, document_id) -> dict[str, int]:
    """A fact of the walled matter tagged with an issue used nowhere else, a suggested fact
    found in its document, and the search that found it."""
    from casedesk.web.chronology.models import FactSuggestion
    from casedesk.web.chronology.services import (
        FactInput,
        fact_create,
        suggestions_find,
        suggestions_run,
    )
    from casedesk.web.documents.models import Document

    document = Document.objects.get(pk=document_id)
    version = document.current_version
    version.text = f"On March 5, 2024 {CANARY} Holdings signed the lease."
    version.text_status = "done"
    version.save(update_fields=["text", "text_status"])
    fact = fact_create(
        by=lead,
        matter=walled,
        data=FactInput(
            date_text="March 2024",
            description=f"{CANARY} fact",
            new_issues=f"{CANARY} issue",
            source_document=document.pk,
        ),
    )
    run = suggestions_find(by=lead, matter=walled, enqueue=False)
    suggestions_run(walled.pk, run.pk)
    suggestion = FactSuggestion.objects.filter(matter=walled).first()
    assert suggestion is not None, "the walled document's dated sentence should be suggested"
    return {
        "fact": fact.pk,
        "suggestion": suggestion.pk,
        "suggestionrun": run.pk,
        "issue": fact.issues.get().pk,
    }


def walled_reports(lead, walled) -> dict[str, int]:
    """A case report of the walled matter, made (its PDF and Word files stored)."""
    from casedesk.web.reports.services import report_request, report_run

    report = report_request(
        by=lead, matter=walled, sections=["summary", "parties", "tasks"], enqueue=False
    )
    assert report_run(report.pk).status == "done"
    return {"report": report.pk}


def concrete(route: str, objects: dict[str, object]) -> str:
    kind = ROUTES[route][1]
    return "/" + re.sub(r"<[^>]+>", str(objects.get(kind or "", "")), route)


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_policy_for_every_route_and_actor(firm, actor: str) -> None:
    users, objects, keys, walled = firm
    client = Client()
    headers: dict[str, str] = {}
    if actor != "anonymous":
        client.force_login(users[actor])
        headers = {"HTTP_AUTHORIZATION": f"Bearer {keys[actor]}"}
    problems: list[str] = []
    for route, (policy, kind) in ROUTES.items():
        url = concrete(route, objects)
        for method in ("get", "post"):
            if route == "logout/" and method == "post":
                continue  # would end the session for the rest of the walk; tested in accounts
            response = getattr(client, method)(url, **(headers if policy == "api" else {}))
            status = response.status_code
            body = ""
            if status == 200:  # file downloads stream their content
                raw = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                body = raw.decode("utf-8", "replace")
            where = f"{actor} {method.upper()} {url} -> {status}"
            if status >= 500:
                problems.append(f"{where}: server error")
            if policy == "open":
                continue
            if actor == "anonymous":
                # The API answers 401 (or 404/405 for what does not exist), and sends its docs to sign-in.
                expected = (302, 401, 404, 405) if policy == "api" else (302, 405)
                if status not in expected:
                    problems.append(f"{where}: anonymous must be sent to sign in")
                continue
            if policy == "admin" and actor != "admin" and status not in (404, 405):
                problems.append(f"{where}: admin-only page must be 404 for {actor}")
            if actor == "screened":
                walled_kind = kind in {
                    "matter",
                    "contact",
                    "check",
                    "hit",
                    "chain",
                    "deadline",
                    "task",
                    "document",
                    "trashed",
                    "version",
                    "proposal",
                    "hold",
                    "communication",
                    "generated",
                    "citecheck",
                    "authority",
                    "production",
                    "productionitem",
                    "binder",
                    "exhibit",
                    "witness",
                    "privilege",
                    "report",
                    "fact",
                    "suggestion",
                    "suggestionrun",
                    "issue",
                    "toa",
                }
                if walled_kind and status not in (404, 405):
                    problems.append(f"{where}: the walled object must be 404 for a screened user")
                if CANARY.lower() in body.lower():
                    problems.append(f"{where}: the walled matter shows through")
    assert not problems, "\n".join(problems)
    walled.refresh_from_db()
    assert Matter.objects.filter(pk=walled.pk).exists()
    assert ApiToken.objects.exists()
    assert conflict_hit_dispose  # imported for completeness of the service surface
