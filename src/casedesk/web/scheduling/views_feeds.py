"""Calendar feeds, .ics export and .ics import pages.

``/calendar/feeds/<token>.ics`` needs no session: the secret token in the URL is the
credential (calendar programs cannot sign in). Everything else needs a signed-in user.
Views are thin: :mod:`feed_services` writes, audits and applies the walls.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import get_visible_matter, visible_matters
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling import feed_services
from casedesk.web.scheduling.ics import IcsError
from casedesk.web.scheduling.models import CalendarFeed

ICS_TYPE = "text/calendar; charset=utf-8"


def _matter_choices(user: Any) -> Any:
    return visible_matters(user).order_by("-number").only("id", "number", "title")


def _chosen_matter(user: Any, raw: str | None) -> Matter | None:
    """The matter picked in a form ("" = my own calendar); 404 when hidden or missing."""
    if not raw:
        return None
    return get_visible_matter(user, raw)


@login_required
@require_GET
def feed_list(request: HttpRequest) -> HttpResponse:
    """My feeds: make one for my calendar or a matter's, copy its URL once, revoke."""
    new_token = request.session.pop("new_feed_token", None)
    new_url = ""
    if new_token:
        new_url = request.build_absolute_uri(reverse("scheduling:feed", args=[new_token]))
    feeds = (
        CalendarFeed.objects.filter(owner=request.user)
        .select_related("matter")
        .order_by("revoked_at", "-created_at")
    )
    hidden = set(
        feeds.filter(matter__isnull=False)
        .exclude(matter__in=visible_matters(request.user))
        .values_list("pk", flat=True)
    )
    rows = [{"feed": f, "hidden": f.pk in hidden} for f in feeds]
    return render(
        request,
        "scheduling/feeds/feed_list.html",
        {
            "rows": rows,
            "new_url": new_url,
            "webcal_url": new_url.replace("https://", "webcal://").replace("http://", "webcal://"),
            "matters": _matter_choices(request.user),
            "preselect": request.GET.get("matter", ""),
        },
    )


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    matter = _chosen_matter(request.user, request.POST.get("matter"))
    try:
        _feed, token = feed_services.feed_create(by=request.user, matter=matter)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("scheduling:feeds")
    request.session["new_feed_token"] = token
    what = f"matter {matter.number}" if matter else "your calendar"
    messages.success(
        request, f"Feed of {what} created. Copy its address now: it will not be shown again."
    )
    return redirect("scheduling:feeds")


@login_required
@require_POST
def feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed = CalendarFeed.objects.filter(pk=pk, owner=request.user).first()
    if feed is None:
        raise Http404("No such feed.")
    try:
        feed_services.feed_revoke(by=request.user, feed=feed)
        messages.success(request, "Feed revoked: calendars subscribed to it stop updating.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("scheduling:feeds")


@never_cache
@require_GET
def feed_serve(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription URL: no session; 404 for an unknown or revoked token (or a walled matter)."""
    feed = feed_services.feed_by_token(token)
    if feed is None:
        raise Http404("No such calendar feed.")
    response = HttpResponse(feed_services.feed_render(feed), content_type=ICS_TYPE)
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def export_mine(request: HttpRequest) -> HttpResponse:
    """Download my calendar as an .ics file (audited)."""
    data, filename = feed_services.calendar_export(by=request.user)
    return _download(data, filename)


@login_required
@require_GET
def export_matter(request: HttpRequest, pk: int) -> HttpResponse:
    """Download a matter's calendar as an .ics file (audited); 404 when hidden."""
    matter = get_visible_matter(request.user, pk)
    data, filename = feed_services.calendar_export(by=request.user, matter=matter)
    return _download(data, filename)


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload an .ics file into my calendar or a matter's: all events, or none."""
    context: dict[str, Any] = {
        "matters": _matter_choices(request.user),
        "preselect": request.POST.get("matter") or request.GET.get("matter", ""),
        "max_mb": settings.CASEDESK_MAX_IMPORT_BYTES // 1_048_576,
        "problems": [],
        "error": "",
    }
    if request.method == "GET":
        return render(request, "scheduling/feeds/import.html", context)
    matter = _chosen_matter(request.user, request.POST.get("matter"))
    upload = request.FILES.get("file")
    limit = settings.CASEDESK_MAX_IMPORT_BYTES
    if upload is None:
        context["error"] = "Choose an .ics file to import."
    elif upload.size is not None and upload.size > limit:
        context["error"] = (
            f"The file is {upload.size / 1_048_576:,.0f} MB; the import limit is "
            f"{limit // 1_048_576} MB. Nothing was imported."
        )
    else:
        try:
            result = feed_services.calendar_import(
                by=request.user,
                data=upload.read(limit + 1),
                filename=upload.name or "",
                matter=matter,
            )
        except IcsError as exc:
            context["error"], context["problems"] = exc.message, exc.problems
        except ServiceError as exc:
            context["error"] = exc.message
        else:
            messages.success(request, result.summary)
            for warning in result.warnings[:10]:
                messages.warning(request, warning)
            return redirect(request.path + (f"?matter={matter.pk}" if matter else ""))
    return render(request, "scheduling/feeds/import.html", context, status=400)
