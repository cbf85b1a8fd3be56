"""Writes to tasks (to-dos with an assignee, a due date, optionally tied to a deadline).

Each service checks permission and input, writes, and audits in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.web.access import require_writer, visible_events, visible_matters, visible_tasks
from casedesk.web.accounts.models import User
from casedesk.web.audit.services import audit_record
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling.event_services import (
    TITLE_LIMIT,
    check_year,
    clean_notes,
    clean_text,
)
from casedesk.web.scheduling.models import Event, EventKind, Task, TaskStatus


def _check(
    by: Any,
    *,
    title: Any,
    notes: Any,
    assignee: User | None,
    due_date: Any,
    deadline: Event | None,
    matter: Matter | None,
) -> dict[str, Any]:
    """Validated task fields; the matter follows the deadline when only the deadline is given."""
    title = clean_text(title, field="title", label="Title", limit=TITLE_LIMIT, required=True)
    notes = clean_notes(notes)
    if due_date is not None:
        if not isinstance(due_date, dt.date) or isinstance(due_date, dt.datetime):
            raise ServiceError("The due date is not a date.", field="due_date")
        check_year(due_date, field="due_date", label="The due date")
    if deadline is not None:
        if deadline.kind != EventKind.DEADLINE:
            raise ServiceError("Only a deadline can be linked to a task.", field="deadline")
        if not visible_events(by).filter(pk=deadline.pk).exists():
            raise ServiceError("No such deadline.", field="deadline")
        if matter is None:
            matter = deadline.matter
        elif deadline.matter_id not in (None, matter.pk):
            raise ServiceError("That deadline belongs to another matter.", field="deadline")
    if matter is not None and not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.", field="matter")
    if assignee is not None:
        if not assignee.is_active:
            raise ServiceError(f"{assignee.display_name} is deactivated.", field="assignee")
        if matter is not None and not visible_matters(assignee).filter(pk=matter.pk).exists():
            raise ServiceError(
                f"{assignee.display_name} cannot see matter {matter.number} (screened, or not on "
                "the team of a restricted matter): assign the task to someone else.",
                field="assignee",
            )
    return {
        "title": title,
        "notes": notes,
        "assignee": assignee,
        "due_date": due_date,
        "deadline": deadline,
        "matter": matter,
    }


def _visible(by: Any, task: Task) -> None:
    if not visible_tasks(by).filter(pk=task.pk).exists():
        raise ServiceError("No such task.")


def _summary(verb: str, task: Task) -> str:
    return f"{verb} task {task.title}"[:500]


def task_create(
    *,
    by: Any,
    title: str,
    assignee: User | None = None,
    due_date: dt.date | None = None,
    deadline: Event | None = None,
    matter: Matter | None = None,
    notes: str = "",
) -> Task:
    """A new open task."""
    require_writer(by)
    fields = _check(
        by,
        title=title,
        notes=notes,
        assignee=assignee,
        due_date=due_date,
        deadline=deadline,
        matter=matter,
    )
    with transaction.atomic():
        task = Task.objects.create(created_by=by, **fields)
        audit_record(
            actor=by,
            action="create",
            object_type="task",
            object_id=task.pk,
            matter_id=task.matter_id,
            summary=_summary("Created", task),
            data={
                "assignee": assignee.username if assignee else None,
                "due_date": due_date.isoformat() if due_date else None,
                "deadline_id": deadline.pk if deadline else None,
            },
        )
    return task


def task_update(*, by: Any, task: Task, **changes: Any) -> Task:
    """Change the title, notes, assignee, due date, linked deadline or matter."""
    require_writer(by)
    _visible(by, task)
    allowed = {"title", "notes", "assignee", "due_date", "deadline", "matter"}
    if set(changes) - allowed:
        raise ServiceError(f"Cannot change {', '.join(sorted(set(changes) - allowed))} here.")
    current = {name: getattr(task, name) for name in allowed}
    fields = _check(by, **{**current, **changes})
    diff = {k: (current[k], v) for k, v in fields.items() if current[k] != v}
    if not diff:
        return task
    with transaction.atomic():
        for name, (_old, value) in diff.items():
            setattr(task, name, value)
        task.save()
        audit_record(
            actor=by,
            action="update",
            object_type="task",
            object_id=task.pk,
            matter_id=task.matter_id,
            summary=_summary("Changed", task),
            data={
                name: [_plain(old), _plain(new)]
                for name, (old, new) in diff.items()
                if name != "notes"
            }
            | {"changed": sorted(diff)},
        )
    return task


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, User):
        return value.username
    if hasattr(value, "pk"):
        return value.pk
    return value


def task_complete(*, by: Any, task: Task) -> Task:
    """Mark the task done."""
    require_writer(by)
    _visible(by, task)
    if task.status == TaskStatus.DONE:
        raise ServiceError("This task is already done.")
    with transaction.atomic():
        task.status = TaskStatus.DONE
        task.completed_at = timezone.now()
        task.save(update_fields=["status", "completed_at"])
        audit_record(
            actor=by,
            action="complete",
            object_type="task",
            object_id=task.pk,
            matter_id=task.matter_id,
            summary=_summary("Completed", task),
        )
    return task


def task_reopen(*, by: Any, task: Task) -> Task:
    """Put a done task back on the open list."""
    require_writer(by)
    _visible(by, task)
    if task.status == TaskStatus.OPEN:
        raise ServiceError("This task is already open.")
    with transaction.atomic():
        task.status = TaskStatus.OPEN
        task.completed_at = None
        task.save(update_fields=["status", "completed_at"])
        audit_record(
            actor=by,
            action="reopen",
            object_type="task",
            object_id=task.pk,
            matter_id=task.matter_id,
            summary=_summary("Reopened", task),
        )
    return task


def task_delete(*, by: Any, task: Task) -> None:
    """Delete the task; the audit log keeps its title, assignee and due date."""
    require_writer(by)
    _visible(by, task)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="delete",
            object_type="task",
            object_id=task.pk,
            matter_id=task.matter_id,
            summary=_summary("Deleted", task),
            data={
                "title": task.title,
                "assignee": task.assignee.username if task.assignee else None,
                "due_date": task.due_date.isoformat() if task.due_date else None,
                "status": task.status,
            },
        )
        task.delete()
