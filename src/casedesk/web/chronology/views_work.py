"""Suggested facts (find them in the matter's documents, accept, accept as is, dismiss) and
the firm's issues (list, add, rename, merge, delete an unused one)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import get_visible_matter, visible_matters
from casedesk.web.chronology import selectors
from casedesk.web.chronology.forms import FactForm, IssueForm
from casedesk.web.chronology.services import (
    issue_create,
    issue_delete,
    issue_merge,
    issue_rename,
    suggestion_accept,
    suggestion_dismiss,
    suggestion_input,
    suggestions_find,
)
from casedesk.web.chronology.views import (
    fact_context,
    fact_input,
    form_choices,
    to_int,
)
from casedesk.web.errors import ServiceError

PER_PAGE = 50


def _suggestions_url(matter_id: int) -> str:
    return reverse("chronology:suggestions", args=[matter_id])


@require_GET
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """The dated sentences found in the matter's documents, to accept or dismiss."""
    matter = get_visible_matter(request.user, pk)
    page = Paginator(selectors.pending_suggestions(matter), PER_PAGE).get_page(
        request.GET.get("page")
    )
    documents = selectors.matter_documents(request.user, matter)
    context = {
        "matter": matter,
        "here": "suggestions",
        "page_obj": page,
        "rows": page.object_list,
        "counts": selectors.suggestion_counts(matter),
        "run": selectors.latest_run(matter),
        "documents": documents.count(),
        "unread": documents.exclude(current_version__text_status="done").count(),
    }
    return render(request, "chronology/suggestions.html", context)


@require_POST
def suggestions_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the search for suggested facts in the matter's documents."""
    matter = get_visible_matter(request.user, pk)
    try:
        run = suggestions_find(by=request.user, matter=matter)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        if run.pending:
            messages.info(request, "Looking for dated sentences in the matter's documents.")
    return redirect(_suggestions_url(matter.pk))


@require_GET
def run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The search's progress (polled while it runs; the page reloads when it is done)."""
    run = selectors.get_visible_run(request.user, pk)
    response = render(request, "chronology/_run_status.html", {"run": run})
    if not run.pending and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def suggestion_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The fact form filled from a suggestion; saving accepts it and links the fact."""
    suggestion = selectors.get_visible_suggestion(request.user, pk)
    matter = suggestion.matter
    choices = form_choices(request, matter)
    status = 200
    if request.method == "POST":
        form = FactForm(request.POST, **choices)
        status = 400
        if form.is_valid():
            try:
                fact = suggestion_accept(
                    by=request.user, suggestion=suggestion, data=fact_input(request, form)
                )
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"Added the fact dated {fact.date_text}.")
                return redirect(_suggestions_url(matter.pk))
    else:
        data = suggestion_input(suggestion)
        form = FactForm(
            initial={
                "date_text": data.date_text,
                "description": data.description,
                "source_document": str(data.source_document or ""),
                "source_page": data.source_page,
            },
            **choices,
        )
    context = fact_context(request, matter, form)
    context.update(here="suggestions", fact=None, suggestion=suggestion)
    return render(request, "chronology/fact_form.html", context, status=status)


@require_POST
def suggestion_accept_as_is(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the suggestion a fact without changing it."""
    suggestion = selectors.get_visible_suggestion(request.user, pk)
    try:
        fact = suggestion_accept(by=request.user, suggestion=suggestion)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Added the fact dated {fact.date_text}.")
    return redirect(_suggestions_url(suggestion.matter_id))


@require_POST
def suggestion_drop(request: HttpRequest, pk: int) -> HttpResponse:
    """Dismiss a suggestion."""
    suggestion = selectors.get_visible_suggestion(request.user, pk)
    try:
        suggestion_dismiss(by=request.user, suggestion=suggestion)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Dismissed the suggestion.")
    page = to_int(request.POST.get("page"))
    url = _suggestions_url(suggestion.matter_id)
    return redirect(f"{url}?page={page}" if page and page > 1 else url)


# --- issues -------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def issues(request: HttpRequest) -> HttpResponse:
    """The firm's issues with how many facts use each; add one."""
    status = 200
    if request.method == "POST":
        form = IssueForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                issue = issue_create(
                    by=request.user,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                )
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"Added the issue {issue.name}.")
                return redirect(reverse("chronology:issues"))
    else:
        form = IssueForm()
    rows = list(selectors.all_issues(request.user))
    context = {"rows": rows, "form": form, "matter_id": to_int(request.GET.get("matter"))}
    return render(request, "chronology/issues.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename an issue (or change its description)."""
    issue = selectors.get_visible_issue(request.user, pk)
    status = 200
    if request.method == "POST":
        form = IssueForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                issue_rename(
                    by=request.user,
                    issue=issue,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                )
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"Saved the issue {issue.name}.")
                return redirect(reverse("chronology:issues"))
    else:
        form = IssueForm(initial={"name": issue.name, "description": issue.description})
    others = [i for i in selectors.visible_issues(request.user).order_by("name") if i.pk != pk]
    context: dict[str, Any] = {
        "issue": issue,
        "form": form,
        "others": others,
        "used": issue.facts.filter(matter__in=visible_matters(request.user)).count(),
    }
    return render(request, "chronology/issue.html", context, status=status)


@require_POST
def issue_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge this issue into another one."""
    source = selectors.get_visible_issue(request.user, pk)
    target = (
        selectors.visible_issues(request.user).filter(pk=to_int(request.POST.get("target"))).first()
    )
    if target is None:
        messages.error(request, "Choose the issue to merge it into.")
        return redirect(reverse("chronology:issue", args=[pk]))
    name = source.name
    try:
        moved = issue_merge(by=request.user, source=source, target=target)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("chronology:issue", args=[pk]))
    messages.success(
        request, f"Merged {name} into {target.name}: {moved} fact{'s' if moved != 1 else ''}."
    )
    return redirect(reverse("chronology:issues"))


@require_POST
def issue_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an issue no fact uses."""
    issue = selectors.get_visible_issue(request.user, pk)
    name = issue.name
    try:
        issue_delete(by=request.user, issue=issue)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("chronology:issue", args=[pk]))
    messages.success(request, f"Deleted the issue {name}.")
    return redirect(reverse("chronology:issues"))
