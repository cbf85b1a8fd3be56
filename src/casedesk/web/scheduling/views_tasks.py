"""Task pages: the list (mine or all I can see; open or done), the form, complete/reopen/delete.

Complete and reopen answer htmx with the updated row; without htmx they redirect back.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import AccessDenied, visible_events, visible_matters
from casedesk.web.errors import ServiceError
from casedesk.web.scheduling import task_services as svc
from casedesk.web.scheduling.event_selectors import get_visible_task, tasks_for_list
from casedesk.web.scheduling.forms_calendar import TaskFilterForm, TaskForm
from casedesk.web.scheduling.models import EventKind, Task

PAGE_SIZE = 50


def _error_text(exc: Exception) -> str:
    return getattr(exc, "message", None) or str(exc)


def _back(request: HttpRequest, default: str = "/calendar/tasks/") -> str:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    """Tasks assigned to me (or all I can see), open (by due date) or done (newest first)."""
    form = TaskFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_bound and form.is_valid() else {}
    who = params.get("who") or "mine"
    status = params.get("status") or "open"
    page = Paginator(tasks_for_list(request.user, who=who, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "who": who,
        "status": status,
        "today": timezone.localdate(),
        "can_write": getattr(request.user, "can_write", False),
    }
    return render(request, "scheduling/tasks/task_list.html", context)


def _task_form_page(request: HttpRequest, task: Task | None) -> HttpResponse:
    post = request.method == "POST"
    initial: dict[str, Any] = {}
    if task is not None:
        initial = {
            "title": task.title,
            "assignee": task.assignee,
            "due_date": task.due_date,
            "matter": task.matter,
            "deadline": task.deadline,
            "notes": task.notes,
        }
    else:
        initial["assignee"] = request.user
        matter_id = request.GET.get("matter", "")
        if matter_id.isdigit():
            initial["matter"] = visible_matters(request.user).filter(pk=matter_id).first()
        deadline_id = request.GET.get("deadline", "")
        if deadline_id.isdigit():
            deadline = (
                visible_events(request.user).filter(pk=deadline_id, kind=EventKind.DEADLINE).first()
            )
            if deadline is not None:
                initial.update(
                    deadline=deadline,
                    matter=deadline.matter,
                    due_date=timezone.localtime(deadline.starts_at).date(),
                )
    form = TaskForm(request.POST if post else None, user=request.user, initial=initial)
    status = 200
    if post:
        status = 400
        if form.is_valid():
            try:
                if task is None:
                    task = svc.task_create(by=request.user, **form.cleaned_data)
                    messages.success(request, f"Added the task '{task.title}'.")
                else:
                    task = svc.task_update(by=request.user, task=task, **form.cleaned_data)
                    messages.success(request, f"Saved the task '{task.title}'.")
            except AccessDenied as exc:
                form.add_error(None, _error_text(exc))
                status = 403
            except ServiceError as exc:
                field = exc.field if exc.field in form.fields else None
                form.add_error(field, _error_text(exc))
            else:
                return redirect("scheduling:tasks")
    context = {
        "form": form,
        "task": task,
        "can_write": getattr(request.user, "can_write", False),
    }
    return render(request, "scheduling/tasks/task_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def task_new(request: HttpRequest) -> HttpResponse:
    """Add a task (?matter=<id> or ?deadline=<id> pre-fills it)."""
    return _task_form_page(request, None)


@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a task."""
    return _task_form_page(request, get_visible_task(request.user, pk))


def _status_change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    task = get_visible_task(request.user, pk)
    error = ""
    try:
        if action == "complete":
            svc.task_complete(by=request.user, task=task)
        else:
            svc.task_reopen(by=request.user, task=task)
    except ServiceError as exc:
        error = _error_text(exc)
    if request.htmx:
        task = get_visible_task(request.user, pk)
        context = {"task": task, "error": error, "today": timezone.localdate(), "can_write": True}
        return render(request, "scheduling/tasks/_task_row.html", context)
    if error:
        messages.error(request, error)
    else:
        done = "Done" if action == "complete" else "Reopened"
        messages.success(request, f"{done}: '{task.title}'.")
    return redirect(_back(request))


@require_POST
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a task done."""
    return _status_change(request, pk, "complete")


@require_POST
def task_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a done task back on the open list."""
    return _status_change(request, pk, "reopen")


@require_POST
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a task (audited)."""
    task = get_visible_task(request.user, pk)
    try:
        svc.task_delete(by=request.user, task=task)
    except ServiceError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, f"Deleted the task '{task.title}'.")
    return redirect("scheduling:tasks")
