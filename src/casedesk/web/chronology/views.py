"""A matter's fact chronology: the table (sort, filter, pages, bulk marks and tags), adding
and editing facts, the timeline, facts grouped by issue and by person, and the CSV import
and export. Everything through ``casedesk.web.access``; read-only users view and export."""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import get_visible_matter, visible_contacts
from casedesk.web.chronology import selectors
from casedesk.web.chronology.forms import FactForm, FilterForm, ImportForm
from casedesk.web.chronology.models import Fact
from casedesk.web.chronology.selectors import FactFilter
from casedesk.web.chronology.services import (
    MAX_IMPORT_BYTES,
    FactInput,
    contacts_named,
    fact_create,
    fact_delete,
    fact_update,
    facts_bulk,
    facts_export_csv,
    facts_import,
    facts_import_plan,
    read_date,
    timeline_export,
)
from casedesk.web.documents.views_document import content_disposition
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

PER_PAGE = 100
TIMELINE_WIDTH = 1180  # the card's width at the page's widest; narrower screens scale it down
IMPORT_SALT = "casedesk.chronology.import"
IMPORT_MAX_AGE = 24 * 3600


def to_int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


# --- the table ----------------------------------------------------------------------------


@dataclass
class Filtered:
    form: FilterForm
    flt: FactFilter
    problems: list[str]


def _filters(request: HttpRequest, matter: Matter) -> Filtered:
    """The table's filters from the query string; a date that cannot be read is reported and
    left out (the other filters still apply)."""
    form = FilterForm(
        request.GET or None,
        issues=list(selectors.matter_issues(matter)),
        people=list(selectors.matter_people(request.user, matter)),
    )
    problems: list[str] = []
    data: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        data = {k: v for k, v in form.cleaned_data.items()}
        for name in form.errors:
            problems.extend(str(e) for e in form.errors[name])
    dates: dict[str, dt.date | None] = {"date_from": None, "date_to": None}
    for key in dates:
        raw = str(request.GET.get(key, "")).strip()
        if not raw:
            continue
        try:
            when = read_date(raw, field=key)
        except ServiceError as exc:
            label = "From" if key == "date_from" else "To"
            problems.append(f"{label}: {exc.message}")
            continue
        if key == "date_from":
            dates[key] = when.start or when.end
        else:
            dates[key] = when.end or when.start
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    flt = FactFilter(
        text=str(data.get("q") or "")[:200],
        issue=to_int(data.get("issue")),
        person=to_int(data.get("person")),
        material=bool(data.get("material")),
        disputed=bool(data.get("disputed")),
        date_from=dates["date_from"],
        date_to=dates["date_to"],
        sort=sort if sort in selectors.SORTS else selectors.DEFAULT_SORT,
    )
    return Filtered(form, flt, problems)


@require_GET
def chronology(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter's facts: sortable, filterable, in pages; bulk marks and tags."""
    matter = get_visible_matter(request.user, pk)
    filtered = _filters(request, matter)
    facts = selectors.filtered_facts(request.user, matter, filtered.flt)
    page = Paginator(facts, PER_PAGE).get_page(request.GET.get("page"))
    total = Fact.objects.filter(matter=matter).count()
    context = {
        "matter": matter,
        "here": "table",
        "page_obj": page,
        "facts": page.object_list,
        "filter_form": filtered.form,
        "flt": filtered.flt,
        "problems": filtered.problems,
        "sort": filtered.flt.sort,
        "total": total,
        "issues": list(selectors.visible_issues(request.user).order_by("name")),
        "query": request.GET.urlencode(),
        "suggestions": selectors.suggestion_counts(matter)["pending"],
    }
    return render(request, "chronology/chronology.html", context)


def form_choices(request: HttpRequest, matter: Matter) -> dict[str, Any]:
    return {
        "parties": selectors.party_contacts(matter),
        "issues": list(selectors.visible_issues(request.user).order_by("name")),
        "documents": list(selectors.matter_documents(request.user, matter)),
    }


def fact_input(request: HttpRequest, form: FactForm) -> FactInput:
    data = form.cleaned_data
    people = [int(p) for p in data["people"]]
    for contact in contacts_named(request.user, data["other_people"]):
        if contact.pk not in people:
            people.append(contact.pk)
    return FactInput(
        date_text=data["date_text"],
        description=data["description"],
        people=people,
        issues=[int(i) for i in data["issues"]],
        new_issues=data["new_issues"],
        source_document=to_int(data["source_document"]),
        source_page=data["source_page"],
        source_bates=data["source_bates"],
        material=data["material"],
        disputed=data["disputed"],
        notes=data["notes"],
    )


def _date_reading(text: str) -> dict[str, str]:
    """What the date box reads as: {"display", "kind"} or {"error"}."""
    if not text.strip():
        return {"display": "Undated", "kind": "unknown"}
    try:
        when = read_date(text)
    except ServiceError as exc:
        return {"error": exc.message}
    return {"display": when.display, "kind": when.kind}


def fact_context(request: HttpRequest, matter: Matter, form: FactForm) -> dict[str, Any]:
    names = list(
        visible_contacts(request.user).order_by("name").values_list("name", flat=True)[:2000]
    )
    return {
        "matter": matter,
        "form": form,
        "contact_names": names,
        "reading": _date_reading(str(form["date_text"].value() or "")),
    }


def _save_fact(request: HttpRequest, form: FactForm, matter: Matter, fact: Fact | None) -> Any:
    """Create or update from a valid form; errors go on the form. The fact, or None."""
    try:
        data = fact_input(request, form)
        if fact is None:
            return fact_create(by=request.user, matter=matter, data=data)
        return fact_update(by=request.user, fact=fact, data=data)
    except ServiceError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None


def _back(request: HttpRequest, matter_id: int) -> str:
    """Where a form returns: the table it came from (its filters kept), or the table."""
    url = str(request.POST.get("next") or request.GET.get("next") or "")
    base = reverse("chronology:matter", args=[matter_id])
    if url.startswith(base) and "//" not in url:
        return url
    return base


@require_http_methods(["GET", "HEAD", "POST"])
def fact_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a fact to the matter's chronology."""
    matter = get_visible_matter(request.user, pk)
    status = 200
    if request.method == "POST":
        form = FactForm(request.POST, **form_choices(request, matter))
        status = 400
        if form.is_valid():
            fact = _save_fact(request, form, matter, None)
            if fact is not None:
                messages.success(request, f"Added the fact dated {fact.date_text}.")
                if request.POST.get("another"):
                    return redirect(reverse("chronology:fact_add", args=[matter.pk]))
                return redirect(_back(request, matter.pk) + f"#fact-{fact.pk}")
            if not getattr(request.user, "can_write", True):
                status = 403
    else:
        form = FactForm(**form_choices(request, matter))
    context = fact_context(request, matter, form)
    context.update(here="add", fact=None, next=_back(request, matter.pk))
    return render(request, "chronology/fact_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def fact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one fact."""
    fact = selectors.get_visible_fact(request.user, pk)
    matter = fact.matter
    choices = form_choices(request, matter)
    status = 200
    if request.method == "POST":
        form = FactForm(request.POST, **choices)
        status = 400
        if form.is_valid() and _save_fact(request, form, matter, fact) is not None:
            messages.success(request, f"Saved the fact dated {fact.date_text}.")
            return redirect(_back(request, matter.pk) + f"#fact-{fact.pk}")
    else:
        party_ids = {c.pk for c, _ in choices["parties"]}
        people = list(fact.people.all())
        form = FactForm(
            initial={
                "date_text": fact.date_text if fact.date_kind != "unknown" else "",
                "description": fact.description,
                "people": [str(p.pk) for p in people if p.pk in party_ids],
                "other_people": "; ".join(p.name for p in people if p.pk not in party_ids),
                "issues": [str(i.pk) for i in fact.issues.all()],
                "source_document": str(fact.source_document_id or ""),
                "source_page": fact.source_page,
                "source_bates": fact.source_bates,
                "material": fact.material,
                "disputed": fact.disputed,
                "notes": fact.notes,
            },
            **choices,
        )
    context = fact_context(request, matter, form)
    context.update(here="edit", fact=fact, next=_back(request, matter.pk))
    return render(request, "chronology/fact_form.html", context, status=status)


@require_POST
def fact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one fact."""
    fact = selectors.get_visible_fact(request.user, pk)
    matter_id = fact.matter_id
    try:
        fact_delete(by=request.user, fact=fact)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Deleted the fact.")
    return redirect(_back(request, matter_id))


@require_GET
def date_preview(request: HttpRequest) -> HttpResponse:
    """How a typed date reads (the fact form asks while the user types)."""
    reading = _date_reading(str(request.GET.get("date_text", ""))[:200])
    return render(request, "chronology/_date_reading.html", {"reading": reading})


@require_POST
def bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the ticked facts material/disputed (or not), tag or untag them, or delete them."""
    matter = get_visible_matter(request.user, pk)
    issue = None
    issue_id = to_int(request.POST.get("issue"))
    if issue_id:
        issue = selectors.visible_issues(request.user).filter(pk=issue_id).first()
    try:
        count = facts_bulk(
            by=request.user,
            matter=matter,
            fact_ids=request.POST.getlist("facts"),
            action=str(request.POST.get("action", "")),
            issue=issue,
            issue_text=str(request.POST.get("issue_text", ""))[:200],
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Changed {count} fact{'s' if count != 1 else ''}.")
    return redirect(_back(request, matter.pk))


@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The table as it is filtered, as CSV (UTF-8 with a BOM)."""
    matter = get_visible_matter(request.user, pk)
    flt = _filters(request, matter).flt
    data = facts_export_csv(
        by=request.user,
        matter=matter,
        facts=selectors.filtered_facts(request.user, matter, flt),
    )
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"chronology-{matter.number}.csv")
    response["Cache-Control"] = "private, no-store"
    return response


# --- timeline and groups ------------------------------------------------------------------


@require_GET
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """The filtered facts on a timeline (inline SVG) with SVG and PNG downloads."""
    from casedesk.core.chronology.timeline import timeline_svg

    matter = get_visible_matter(request.user, pk)
    filtered = _filters(request, matter)
    facts = list(selectors.filtered_facts(request.user, matter, filtered.flt))
    items = selectors.timeline_items(facts)
    svg = timeline_svg(items, width=TIMELINE_WIDTH, title=f"{matter.number} {matter.title}")
    context = {
        "matter": matter,
        "here": "timeline",
        "svg": svg,
        "count": len(items),
        "undated": sum(1 for f in facts if f.sort_date is None),
        "filter_form": filtered.form,
        "flt": filtered.flt,
        "problems": filtered.problems,
        "query": request.GET.urlencode(),
    }
    return render(request, "chronology/timeline.html", context)


def _timeline_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    matter = get_visible_matter(request.user, pk)
    flt = _filters(request, matter).flt
    data = timeline_export(
        by=request.user,
        matter=matter,
        facts=list(selectors.filtered_facts(request.user, matter, flt)),
        fmt=fmt,
    )
    kind = "image/svg+xml" if fmt == "svg" else "image/png"
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = content_disposition(f"timeline-{matter.number}.{fmt}")
    response["Cache-Control"] = "private, no-store"
    if fmt == "svg":  # never run as a page of the site
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@require_GET
def timeline_svg_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _timeline_file(request, pk, "svg")


@require_GET
def timeline_png_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _timeline_file(request, pk, "png")


GROUP_LIMIT = 100  # facts shown under one heading; the rest are a link to the table


def _groups(
    request: HttpRequest, matter: Matter, keys: Any, param: str
) -> tuple[list[tuple[str, str, list[Fact], int, str]], list[Fact], int, int]:
    """The matter's facts under each key of ``keys(fact)`` (a fact may be under several):
    [(name, anchor, first facts, count, table link)], facts under none, how many of those,
    and the number of facts."""
    table = reverse("chronology:matter", args=[matter.pk])
    facts = selectors.filtered_facts(request.user, matter, FactFilter())
    groups: dict[int, tuple[Any, list[Fact]]] = {}
    rest: list[Fact] = []
    total = 0
    for fact in facts:
        total += 1
        found = keys(fact)
        if not found:
            rest.append(fact)
        for key in found:
            groups.setdefault(key.pk, (key, []))[1].append(fact)
    ordered = sorted(groups.values(), key=lambda g: g[0].name.casefold())
    rows = [
        (
            key.name,
            f"{param}-{key.pk}",
            found[:GROUP_LIMIT],
            len(found),
            f"{table}?{param}={key.pk}",
        )
        for key, found in ordered
    ]
    return rows, rest[:GROUP_LIMIT], len(rest), total


@require_GET
def by_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter's facts grouped by issue (a fact with two issues is in both groups; facts
    with none at the end)."""
    matter = get_visible_matter(request.user, pk)
    groups, rest, rest_count, count = _groups(request, matter, selectors.fact_issues, "issue")
    context = {
        "matter": matter,
        "here": "issues",
        "groups": groups,
        "rest": rest,
        "rest_count": rest_count,
        "rest_label": "No issue",
        "count": count,
        "what": "issue",
        "limit": GROUP_LIMIT,
    }
    return render(request, "chronology/grouped.html", context)


@require_GET
def by_person(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter's facts grouped by the people they name."""
    matter = get_visible_matter(request.user, pk)
    visible = set(visible_contacts(request.user).values_list("id", flat=True))

    def named(fact: Fact) -> list[Any]:
        return [p for p in selectors.fact_people(fact) if p.pk in visible]

    groups, rest, rest_count, count = _groups(request, matter, named, "person")
    context = {
        "matter": matter,
        "here": "people",
        "groups": groups,
        "rest": rest,
        "rest_count": rest_count,
        "rest_label": "No one named",
        "count": count,
        "what": "person",
        "limit": GROUP_LIMIT,
    }
    return render(request, "chronology/grouped.html", context)


# --- CSV import ---------------------------------------------------------------------------


def _import_dir() -> Path:
    folder = Path(settings.CASEDESK_UPLOAD_TMP_DIR) / "chronology-imports"
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - IMPORT_MAX_AGE
    for old in folder.glob("*.csv"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
    return folder


def _import_token(request: HttpRequest, matter: Matter, data: bytes) -> str:
    name = secrets.token_urlsafe(24)
    (_import_dir() / f"{name}.csv").write_bytes(data)
    payload = {"f": name, "u": request.user.pk, "m": matter.pk}
    return signing.dumps(payload, salt=IMPORT_SALT)


def _import_data(request: HttpRequest, matter: Matter, token: str) -> tuple[Path, bytes]:
    try:
        payload = signing.loads(token, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    except signing.BadSignature as exc:
        raise ServiceError("The preview has expired: upload the file again.") from exc
    if payload.get("u") != request.user.pk or payload.get("m") != matter.pk:
        raise ServiceError("The preview has expired: upload the file again.")
    path = _import_dir() / f"{payload.get('f')}.csv"
    if not path.is_file():
        raise ServiceError("The preview has expired: upload the file again.")
    return path, path.read_bytes()


@require_http_methods(["GET", "HEAD", "POST"])
def import_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a fact CSV and see what it would enter: nothing is written until confirmed."""
    matter = get_visible_matter(request.user, pk)
    plan = None
    token = ""
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        refused = getattr(request, "upload_refused", "")
        status = 400
        if refused:
            form.add_error("file", refused)
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_IMPORT_BYTES:
                    raise ServiceError(
                        f"The file is {upload.size / 1024 / 1024:.1f} MB; a fact CSV may be at "
                        f"most {MAX_IMPORT_BYTES // 1024 // 1024} MB."
                    )
                data = b"".join(upload.chunks())
                plan = facts_import_plan(by=request.user, matter=matter, data=data)
            except ServiceError as exc:
                form.add_error("file", exc.message)
            else:
                status = 200
                if plan.facts:
                    token = _import_token(request, matter, data)
    else:
        form = ImportForm()
    context = {
        "matter": matter,
        "here": "import",
        "form": form,
        "plan": plan,
        "token": token,
        "preview": plan.facts[:50] if plan else [],
    }
    return render(request, "chronology/import.html", context, status=status)


@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter the previewed file's facts."""
    matter = get_visible_matter(request.user, pk)
    try:
        path, data = _import_data(request, matter, str(request.POST.get("token", "")))
        result = facts_import(by=request.user, matter=matter, data=data)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("chronology:import", args=[matter.pk]))
    path.unlink(missing_ok=True)
    text = f"Imported {result.created} fact{'s' if result.created != 1 else ''}"
    if result.issues_created:
        text += f" and made {len(result.issues_created)} new issue"
        text += "s" if len(result.issues_created) != 1 else ""
        text += f" ({', '.join(result.issues_created[:10])})"
    messages.success(request, text + ".")
    return redirect(reverse("chronology:matter", args=[matter.pk]))
