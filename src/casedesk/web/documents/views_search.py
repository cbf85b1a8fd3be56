"""Finding documents: full-text search across the matters the user may see, the trash, and
the firm's document categories (administrators).
"""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from casedesk.web.access import require_admin_page
from casedesk.web.documents.document_services import category_create
from casedesk.web.documents.forms import CategoryForm, SearchForm
from casedesk.web.documents.models import Category
from casedesk.web.documents.retention_services import hold_for
from casedesk.web.documents.selectors import document_search, trash_list
from casedesk.web.documents.views_files import error_text
from casedesk.web.errors import ServiceError

SEARCH_PAGE = 20
MAX_PAGE = 500
TRASH_PAGE = 50


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "")
    return min(int(raw), MAX_PAGE) if raw.isdigit() and int(raw) > 0 else 1


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search inside every document the user may see (walled matters are never searched)."""
    form = SearchForm(request.GET or None, user=request.user)
    number = _page_number(request)
    context: dict[str, Any] = {"form": form, "results": None, "q": "", "page": number}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        q = " ".join((data.get("q") or "").split())
        context["q"] = q
        filtered = any(data.get(k) for k in ("matter", "category", "tag", "date_from", "date_to"))
        if q:
            try:
                results = document_search(
                    request.user,
                    q,
                    matter=data.get("matter"),
                    category=data.get("category") or "",
                    tag=data.get("tag") or "",
                    date_from=data.get("date_from"),
                    date_to=data.get("date_to"),
                    sort=data.get("sort") or "relevance",
                    limit=SEARCH_PAGE,
                    offset=(number - 1) * SEARCH_PAGE,
                )
            except ServiceError as exc:
                form.add_error("q", error_text(exc))
            else:
                pages = max(1, math.ceil(results.total / SEARCH_PAGE))
                context.update(
                    results=results,
                    pages=pages,
                    first=(number - 1) * SEARCH_PAGE + 1,
                    last=(number - 1) * SEARCH_PAGE + len(results.hits),
                    has_prev=number > 1,
                    has_next=number < pages,
                    prev_page=number - 1,
                    next_page=number + 1,
                )
        elif filtered:
            form.add_error("q", "Type a word or a phrase to search for.")
    return render(request, "documents/search.html", context)


@require_GET
def trash(request: HttpRequest) -> HttpResponse:
    """Documents in the trash that the user may see: restore them, or (administrators) delete."""
    page = Paginator(trash_list(request.user), TRASH_PAGE).get_page(request.GET.get("page"))
    rows = [(document, hold_for(document)) for document in page.object_list]
    return render(
        request,
        "documents/trash.html",
        {"page_obj": page, "rows": rows, "here": request.get_full_path()},
    )


@require_http_methods(["GET", "POST"])
def categories(request: HttpRequest) -> HttpResponse:
    """The document categories; administrators add the firm's own."""
    require_admin_page(request.user)
    form = CategoryForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                category = category_create(by=request.user, name=form.cleaned_data["name"])
            except ServiceError as exc:
                form.add_error("name", error_text(exc))
            else:
                messages.success(request, f"Added the category '{category.name}'.")
                return redirect("documents:categories")
    return render(
        request,
        "documents/categories.html",
        {"form": form, "categories": Category.objects.all()},
        status=status,
    )
