"""Writes of the chronology app: facts (add, edit, delete, bulk marks and tags), firm-wide
issues (create, rename, merge, delete an unused one), suggested facts (find, accept,
dismiss), the CSV import and the exports.

Every write checks the role and the matter's visibility and is audited in the same
transaction; exports (CSV, JSON, timeline pictures) are audited too. Bad input is a
:class:`~casedesk.web.errors.ServiceError` with one sentence for the user.
"""

from __future__ import annotations

import csv
import io
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from casedesk.core.chronology.dates import FuzzyDate, FuzzyDateError, parse_fuzzy_date
from casedesk.core.chronology.facts_csv import FactRow, RowError, read_facts_csv, write_facts_csv
from casedesk.core.chronology.suggest import suggest_facts
from casedesk.core.chronology.timeline import timeline_png, timeline_svg
from casedesk.web.access import AccessDenied, require_writer, visible_contacts, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.chronology.models import (
    Fact,
    FactSuggestion,
    Issue,
    RunStatus,
    SuggestionRun,
    SuggestionStatus,
)
from casedesk.web.chronology.selectors import (
    fact_issues,
    fact_people,
    matter_documents,
    timeline_items,
    visible_issues,
)
from casedesk.web.contacts.models import Contact
from casedesk.web.documents.models import Document, DocumentVersion, TextStatus
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

log = logging.getLogger("casedesk.chronology")

DESCRIPTION_LIMIT = 5_000
NOTES_LIMIT = 10_000
ISSUE_NAME_LIMIT = 100
PAGE_LIMIT = 20
BATES_LIMIT = 40
MAX_IMPORT_BYTES = 10 * 1024 * 1024
SUGGESTIONS_PER_DOCUMENT = 200


# --- checks -------------------------------------------------------------------------------


def require_matter_writer(by: Any, matter: Matter) -> None:
    """Refuse a read-only user, and a matter ``by`` may not see (as if it did not exist)."""
    require_writer(by)
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise AccessDenied("No such matter.")


def require_matter_reader(by: Any, matter: Matter) -> None:
    """Refuse a matter ``by`` may not see (as if it did not exist)."""
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise AccessDenied("No such matter.")


def _nfc(value: object) -> str:
    return unicodedata.normalize("NFC", str(value or ""))


def one_line(value: object, *, label: str, field: str, limit: int, required: bool = False) -> str:
    """One line of text: NFC, whitespace collapsed, no control characters, within ``limit``."""
    text = " ".join(_nfc(value).split())
    if required and not text:
        raise ServiceError(f"{label} is required.", field=field)
    if len(text) > limit:
        raise ServiceError(
            f"{label} is {len(text):,} characters long; the limit is {limit:,}.", field=field
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ServiceError(f"{label} contains control characters.", field=field)
    return text


def lines(value: object, *, label: str, field: str, limit: int, required: bool = False) -> str:
    """Text of several lines: each line's spaces collapsed, empty lines at the ends dropped."""
    text = _nfc(value).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(" ".join(row.split()) for row in text.split("\n")).strip("\n")
    if required and not text.strip():
        raise ServiceError(f"{label} is required.", field=field)
    if len(text) > limit:
        raise ServiceError(
            f"{label} is {len(text):,} characters long; the limit is {limit:,}.", field=field
        )
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise ServiceError(f"{label} contains control characters.", field=field)
    return text


def read_date(text: object, *, field: str = "date_text") -> FuzzyDate:
    """The fuzzy date a user typed ("March 2024", "c. 2019", blank for undated)."""
    raw = " ".join(_nfc(text).split())
    if len(raw) > 100:
        raise ServiceError("The date is too long: write it in at most 100 characters.", field=field)
    try:
        return parse_fuzzy_date(raw)
    except FuzzyDateError as exc:
        raise ServiceError(str(exc), field=field) from exc


def date_columns(date: FuzzyDate) -> dict[str, Any]:
    """A fuzzy date spread over a fact's (or a suggestion's) date columns."""
    return {
        "date_text": date.display[:100],
        "date_kind": date.kind[:10],
        "date_start": date.start,
        "date_end": date.end,
    }


# --- issues -------------------------------------------------------------------------------


def issue_name(value: object) -> str:
    return one_line(value, label="Issue name", field="name", limit=ISSUE_NAME_LIMIT, required=True)


def _find_issue(name: str) -> Issue | None:
    return Issue.objects.filter(name__iexact=name).first() or next(
        (i for i in Issue.objects.all() if i.name.casefold() == name.casefold()), None
    )


def issue_get_or_create(*, by: Any, name: str, description: str = "") -> tuple[Issue, bool]:
    """The issue named ``name`` (any case), made (and audited) when there is none."""
    require_writer(by)
    clean = issue_name(name)
    with transaction.atomic():
        found = _find_issue(clean)
        if found is not None:
            return found, False
        try:
            with transaction.atomic():
                issue = Issue.objects.create(
                    name=clean,
                    description=lines(
                        description, label="Description", field="description", limit=2_000
                    ),
                    created_by=by,
                )
        except IntegrityError:  # made by someone else meanwhile, or differs only in case
            found = _find_issue(clean)
            if found is None:
                raise ServiceError(f"The issue {clean} could not be made.", field="name") from None
            return found, False
        audit_record(
            actor=by,
            action="chronology.issue_create",
            summary=f"New issue {issue.name}",
            object_type="issue",
            object_id=issue.pk,
        )
    return issue, True


def issue_create(*, by: Any, name: str, description: str = "") -> Issue:
    """A new firm-wide issue; refused when one of that name exists."""
    require_writer(by)
    clean = issue_name(name)
    if _find_issue(clean) is not None:
        raise ServiceError(f"There is already an issue named {clean}.", field="name")
    issue, _ = issue_get_or_create(by=by, name=clean, description=description)
    return issue


def _require_issue(by: Any, issue: Issue) -> None:
    require_writer(by)
    if not visible_issues(by).filter(pk=issue.pk).exists():
        raise AccessDenied("No such issue.")


def issue_rename(*, by: Any, issue: Issue, name: str, description: str | None = None) -> Issue:
    """Rename an issue (and change its description); every fact tagged with it follows."""
    _require_issue(by, issue)
    clean = issue_name(name)
    other = _find_issue(clean)
    if other is not None and other.pk != issue.pk:
        raise ServiceError(
            f"There is already an issue named {other.name}: merge the two instead.", field="name"
        )
    old = issue.name
    with transaction.atomic():
        issue.name = clean
        fields = ["name"]
        if description is not None:
            issue.description = lines(
                description, label="Description", field="description", limit=2_000
            )
            fields.append("description")
        issue.save(update_fields=fields)
        audit_record(
            actor=by,
            action="chronology.issue_rename",
            summary=f"Renamed the issue {old} to {clean}" if old != clean else f"Edited {clean}",
            object_type="issue",
            object_id=issue.pk,
            data={"from": old, "to": clean},
        )
    return issue


def issue_merge(*, by: Any, source: Issue, target: Issue) -> int:
    """Move every fact tagged ``source`` to ``target`` and delete ``source``; the number of
    facts retagged."""
    _require_issue(by, source)
    _require_issue(by, target)
    if source.pk == target.pk:
        raise ServiceError("Choose two different issues to merge.", field="target")
    with transaction.atomic():
        fact_ids = list(source.facts.values_list("id", flat=True))
        through = Fact.issues.through
        already = set(
            through.objects.filter(issue_id=target.pk, fact_id__in=fact_ids).values_list(
                "fact_id", flat=True
            )
        )
        through.objects.bulk_create(
            [through(fact_id=f, issue_id=target.pk) for f in fact_ids if f not in already]
        )
        name = source.name
        source_pk = source.pk
        source.delete()
        audit_record(
            actor=by,
            action="chronology.issue_merge",
            summary=f"Merged the issue {name} into {target.name} ({len(fact_ids)} facts)",
            object_type="issue",
            object_id=target.pk,
            data={"merged": source_pk, "facts": len(fact_ids)},
        )
    return len(fact_ids)


def issue_delete(*, by: Any, issue: Issue) -> None:
    """Delete an issue no fact uses."""
    _require_issue(by, issue)
    used = issue.facts.count()
    if used:
        raise ServiceError(
            f"{issue.name} tags {used} fact{'s' if used != 1 else ''}: merge it into another "
            "issue instead of deleting it."
        )
    with transaction.atomic():
        name, pk = issue.name, issue.pk
        issue.delete()
        audit_record(
            actor=by,
            action="chronology.issue_delete",
            summary=f"Deleted the issue {name}",
            object_type="issue",
            object_id=pk,
        )


def split_names(text: object) -> list[str]:
    """Names typed in one box, separated by ";" or "," or new lines (each once, in order)."""
    raw = _nfc(text).replace("\n", ";").replace(",", ";")
    out: list[str] = []
    seen: set[str] = set()
    for part in raw.split(";"):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def contacts_named(by: Any, text: object) -> list[Contact]:
    """The contacts named in a box ("Nguyễn Văn An; Acme Holdings"), each by its exact name
    or an alias (any case); a sentence naming those not found or not unique."""
    from django.db.models import Q

    found: list[Contact] = []
    for name in split_names(text):
        matches = list(
            visible_contacts(by)
            .filter(Q(name__iexact=name) | Q(aliases__name__iexact=name))
            .distinct()[:2]
        )
        if not matches:
            matches = [
                c
                for c in visible_contacts(by).filter(name__icontains=name[:3])
                if _key(c.name) == _key(name)
            ][:2]
        if not matches:
            raise ServiceError(
                f"No contact is named {name}: add them under Contacts first, or leave the "
                "name out.",
                field="other_people",
            )
        if len(matches) > 1:
            raise ServiceError(
                f"More than one contact is named {name}: add the right one to the matter's "
                "parties and tick them.",
                field="other_people",
            )
        if matches[0] not in found:
            found.append(matches[0])
    return found


# --- facts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactInput:
    """What the fact form holds. ``new_issues`` are typed names ("Notice; Damages"): each is
    found (any case) or made."""

    date_text: str = ""
    description: str = ""
    people: Sequence[int] = ()
    issues: Sequence[int] = ()
    new_issues: str = ""
    source_document: int | None = None
    source_page: str = ""
    source_bates: str = ""
    material: bool = False
    disputed: bool = False
    notes: str = ""


@dataclass
class _Values:
    columns: dict[str, Any]
    people: list[Contact]
    issues: list[Issue]
    new_issue_names: list[str]


def _values(by: Any, matter: Matter, data: FactInput, date: FuzzyDate | None = None) -> _Values:
    when = date if date is not None else read_date(data.date_text)
    description = lines(
        data.description,
        label="The description",
        field="description",
        limit=DESCRIPTION_LIMIT,
        required=True,
    )
    people_ids = {int(p) for p in data.people if str(p).strip()}
    people = list(visible_contacts(by).filter(pk__in=people_ids).order_by("name"))
    if len(people) != len(people_ids):
        raise ServiceError("One of the people chosen no longer exists.", field="people")
    issue_ids = {int(i) for i in data.issues if str(i).strip()}
    issues = list(visible_issues(by).filter(pk__in=issue_ids))
    if len(issues) != len(issue_ids):
        raise ServiceError("One of the issues chosen no longer exists.", field="issues")
    new_names = [issue_name(n) for n in split_names(data.new_issues)]
    source = None
    if data.source_document:
        source = matter_documents(by, matter).filter(pk=data.source_document).first()
        if source is None:
            raise ServiceError(
                "The source document is not one of this matter's documents.",
                field="source_document",
            )
    columns = {
        **date_columns(when),
        "sort_date": when.sort_date,
        "description": description,
        "source_document": source,
        "source_page": one_line(
            data.source_page, label="The page", field="source_page", limit=PAGE_LIMIT
        ),
        "source_bates": one_line(
            data.source_bates, label="The Bates number", field="source_bates", limit=BATES_LIMIT
        ),
        "material": bool(data.material),
        "disputed": bool(data.disputed),
        "notes": lines(data.notes, label="Notes", field="notes", limit=NOTES_LIMIT),
    }
    return _Values(columns, people, issues, new_names)


def _tag(by: Any, fact: Fact, values: _Values) -> list[str]:
    """Set the fact's people and issues (making typed issues); the names of issues made."""
    issues = list(values.issues)
    made: list[str] = []
    for name in values.new_issue_names:
        issue, created = issue_get_or_create(by=by, name=name)
        if created:
            made.append(issue.name)
        if issue.pk not in {i.pk for i in issues}:
            issues.append(issue)
    fact.people.set(values.people)
    fact.issues.set(issues)
    return made


def _summary(fact: Fact) -> str:
    text = " ".join(fact.description.split())
    return text if len(text) <= 80 else text[:79] + "…"


def fact_create(*, by: Any, matter: Matter, data: FactInput, date: FuzzyDate | None = None) -> Fact:
    """Add a fact to the matter's chronology."""
    require_matter_writer(by, matter)
    values = _values(by, matter, data, date)
    with transaction.atomic():
        fact = Fact.objects.create(matter=matter, created_by=by, **values.columns)
        made = _tag(by, fact, values)
        audit_record(
            actor=by,
            action="chronology.fact_create",
            summary=f"Added a fact ({fact.date_text}) to {matter.number}: {_summary(fact)}",
            object_type="fact",
            object_id=fact.pk,
            matter_id=matter.pk,
            data={"new_issues": made} if made else None,
        )
    return fact


def fact_update(*, by: Any, fact: Fact, data: FactInput) -> Fact:
    """Change a fact (date, text, people, issues, source, marks, notes)."""
    require_matter_writer(by, fact.matter)
    values = _values(by, fact.matter, data)
    with transaction.atomic():
        for key, value in values.columns.items():
            setattr(fact, key, value)
        fact.save()
        made = _tag(by, fact, values)
        audit_record(
            actor=by,
            action="chronology.fact_update",
            summary=f"Edited a fact ({fact.date_text}) of {fact.matter.number}: {_summary(fact)}",
            object_type="fact",
            object_id=fact.pk,
            matter_id=fact.matter_id,
            data={"new_issues": made} if made else None,
        )
    return fact


def fact_delete(*, by: Any, fact: Fact) -> None:
    """Delete a fact (a suggestion it came from goes back to the list of suggestions)."""
    require_matter_writer(by, fact.matter)
    with transaction.atomic():
        pk, matter = fact.pk, fact.matter
        summary = f"Deleted a fact ({fact.date_text}) of {matter.number}: {_summary(fact)}"
        FactSuggestion.objects.filter(fact=fact).update(
            status=SuggestionStatus.PENDING, fact=None, decided_by=None, decided_at=None
        )
        fact.delete()
        audit_record(
            actor=by,
            action="chronology.fact_delete",
            summary=summary,
            object_type="fact",
            object_id=pk,
            matter_id=matter.pk,
        )


BULK_ACTIONS = {
    "material": "Marked material",
    "not_material": "Marked not material",
    "disputed": "Marked disputed",
    "undisputed": "Marked undisputed",
    "tag": "Tagged",
    "untag": "Untagged",
    "delete": "Deleted",
}


def facts_bulk(
    *,
    by: Any,
    matter: Matter,
    fact_ids: Iterable[object],
    action: str,
    issue: Issue | None = None,
    issue_text: str = "",
) -> int:
    """Mark many facts material/disputed (or not), tag or untag them with an issue (chosen,
    or typed and made), or delete them; the number of facts changed."""
    require_matter_writer(by, matter)
    if action not in BULK_ACTIONS:
        raise ServiceError("Choose what to do with the selected facts.", field="action")
    ids: set[int] = set()
    for raw in fact_ids:
        try:
            ids.add(int(str(raw)))
        except ValueError:
            continue
    facts = Fact.objects.filter(matter=matter, pk__in=ids)
    count = facts.count()
    if not count:
        raise ServiceError("Select at least one fact (tick its box).", field="facts")
    with transaction.atomic():
        label = BULK_ACTIONS[action]
        if action in ("tag", "untag"):
            if issue is None and issue_text.strip():
                if action == "tag":
                    issue, _ = issue_get_or_create(by=by, name=issue_text)
                else:
                    issue = _find_issue(issue_name(issue_text))
            if issue is None or not visible_issues(by).filter(pk=issue.pk).exists():
                raise ServiceError("Choose or type the issue.", field="issue")
            through = Fact.issues.through
            if action == "tag":
                already = set(
                    through.objects.filter(issue_id=issue.pk, fact_id__in=ids).values_list(
                        "fact_id", flat=True
                    )
                )
                through.objects.bulk_create(
                    [
                        through(fact_id=f, issue_id=issue.pk)
                        for f in facts.values_list("id", flat=True)
                        if f not in already
                    ]
                )
            else:
                through.objects.filter(
                    issue_id=issue.pk, fact_id__in=facts.values_list("id", flat=True)
                ).delete()
            label = f"{label} {issue.name}:"
            Fact.objects.filter(pk__in=ids, matter=matter).update(updated_at=timezone.now())
        elif action == "delete":
            FactSuggestion.objects.filter(fact__in=facts).update(
                status=SuggestionStatus.PENDING, fact=None, decided_by=None, decided_at=None
            )
            facts.delete()
        else:
            column = "material" if "material" in action else "disputed"
            value = action in ("material", "disputed")
            facts.update(**{column: value, "updated_at": timezone.now()})
        audit_record(
            actor=by,
            action=f"chronology.facts_{action}",
            summary=f"{label} {count} fact{'s' if count != 1 else ''} of {matter.number}",
            object_type="matter",
            object_id=matter.pk,
            matter_id=matter.pk,
            data={"facts": sorted(ids)[:500], "issue": issue.pk if issue else None},
        )
    return count


# --- suggested facts ----------------------------------------------------------------------


def suggestions_find(
    *, by: Any, matter: Matter, document: Document | None = None, enqueue: bool = True
) -> SuggestionRun:
    """Queue a search for dated sentences in the matter's documents (or one document);
    a search already waiting or running is returned instead of a second one."""
    require_matter_writer(by, matter)
    if document is not None and document.matter_id != matter.pk:
        raise ServiceError("The document is not one of this matter's documents.")
    running = SuggestionRun.objects.filter(
        matter=matter, status__in=(RunStatus.QUEUED, RunStatus.RUNNING)
    ).first()
    if running is not None:
        return running
    with transaction.atomic():
        run = SuggestionRun.objects.create(
            matter=matter,
            document=document,
            created_by=by,
            message="Waiting for the worker.",
        )
        audit_record(
            actor=by,
            action="chronology.suggest",
            summary="Looking for suggested facts in "
            + (
                f"{document.title}" if document is not None else f"the documents of {matter.number}"
            ),
            object_type="suggestionrun",
            object_id=run.pk,
            matter_id=matter.pk,
        )
        if enqueue:
            from casedesk.web.chronology.tasks import chronology_suggest

            run_id = run.pk
            transaction.on_commit(lambda: chronology_suggest.enqueue(matter.pk, run_id))
    return run


def _run_set(run: SuggestionRun, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(run, key, value)
    SuggestionRun.objects.filter(pk=run.pk).update(**fields)


def _suggest_in(version_id: int, matter_id: int) -> int:
    """Store the suggestions of one version; the number of new ones."""
    text = DocumentVersion.objects.filter(pk=version_id).values_list("text", flat=True).first()
    found = suggest_facts(text or "", limit=SUGGESTIONS_PER_DOCUMENT)
    rows = []
    for s in found:
        rows.append(
            FactSuggestion(
                matter_id=matter_id,
                version_id=version_id,
                sentence=s.sentence,
                page=s.page,
                offset=s.start,
                **date_columns(s.date),
            )
        )
    if not rows:
        return 0
    before = FactSuggestion.objects.filter(version_id=version_id).count()
    FactSuggestion.objects.bulk_create(rows, ignore_conflicts=True)
    return FactSuggestion.objects.filter(version_id=version_id).count() - before


def suggest_on_text_ready(sender: Any, version: DocumentVersion, **kwargs: Any) -> None:
    """When the worker has read a document's text, offer its dated sentences as suggested
    facts right away (the data-entry extraction's dates), so nobody has to ask for them.
    Never raises: the document is filed and read whatever happens here."""
    try:
        matter_id = version.document.matter_id
        with transaction.atomic():
            new = _suggest_in(version.pk, matter_id)
            if new:
                audit_record(
                    actor=None,
                    action="chronology.suggest_done",
                    summary=f"Found {new} suggested fact{'s' if new != 1 else ''} in "
                    f"{version.document.title}"[:200],
                    object_type="document",
                    object_id=version.document_id,
                    matter_id=matter_id,
                    data={"version": version.pk, "new": new},
                )
    except Exception:
        log.exception("suggested facts of document version %s failed", version.pk)


def suggestions_run(matter_id: int, run_id: int | None = None) -> SuggestionRun:
    """Read the current version of each of the matter's documents (or the run's document)
    and store the dated sentences as suggested facts. Never twice for the same sentence:
    dismissed ones stay dismissed. Its progress is the run's row."""
    run = None
    if run_id is not None:
        run = SuggestionRun.objects.filter(pk=run_id, matter_id=matter_id).first()
    if run is None:
        run = SuggestionRun.objects.create(matter_id=matter_id)
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        return run
    _run_set(run, status=RunStatus.RUNNING, progress=2, message="Finding the documents.")
    try:
        docs = Document.objects.filter(matter_id=matter_id, deleted_at__isnull=True)
        if run.document_id:
            docs = docs.filter(pk=run.document_id)
        versions = DocumentVersion.objects.filter(
            document__in=docs, document__current_version=F("pk")
        )
        ready = list(
            versions.filter(text_status=TextStatus.DONE)
            .exclude(text="")
            .order_by("document__title", "pk")
            .values_list("pk", flat=True)
        )
        waiting = versions.filter(
            text_status__in=(TextStatus.PENDING, TextStatus.RUNNING, TextStatus.OCR)
        ).count()
        new = 0
        for i, version_id in enumerate(ready, start=1):
            new += _suggest_in(version_id, matter_id)
            _run_set(
                run,
                progress=min(99, 5 + int(94 * i / len(ready))),
                message=f"Read {i} of {len(ready)} document{'s' if len(ready) != 1 else ''}.",
                found=new,
            )
    except Exception as exc:
        log.exception("suggested facts of matter %s failed", matter_id)
        _run_set(
            run,
            status=RunStatus.FAILED,
            message=f"The search could not be completed: {exc}"[:500],
            finished_at=timezone.now(),
        )
        return run
    message = (
        f"Found {new} new suggested fact{'s' if new != 1 else ''} in {len(ready)} "
        f"document{'s' if len(ready) != 1 else ''}."
    )
    if not ready:
        message = "No document of this matter has text to read yet."
    if waiting:
        message += (
            f" {waiting} document{'s are' if waiting != 1 else ' is'} still being read: "
            "look again when the text is ready."
        )
    with transaction.atomic():
        _run_set(
            run,
            status=RunStatus.DONE,
            progress=100,
            message=message[:500],
            found=new,
            finished_at=timezone.now(),
        )
        audit_record(
            actor=run.created_by if run.created_by_id else None,
            action="chronology.suggest_done",
            summary=message[:200],
            object_type="suggestionrun",
            object_id=run.pk,
            matter_id=matter_id,
            data={"documents": len(ready), "new": new},
        )
    return run


def suggestion_input(suggestion: FactSuggestion) -> FactInput:
    """What the fact form is filled with when a suggestion is accepted."""
    document = suggestion.version.document
    return FactInput(
        date_text=suggestion.date_text if suggestion.date_kind != "unknown" else "",
        description=suggestion.sentence,
        source_document=document.pk if document.deleted_at is None else None,
        source_page=str(suggestion.page) if suggestion.page else "",
    )


def _require_pending(suggestion: FactSuggestion) -> None:
    if suggestion.status != SuggestionStatus.PENDING:
        raise ServiceError(
            f"This suggestion was already {suggestion.get_status_display().lower()}."
        )


def suggestion_accept(
    *, by: Any, suggestion: FactSuggestion, data: FactInput | None = None
) -> Fact:
    """Make the suggestion a fact (as it is, or as the user changed it in the form)."""
    require_matter_writer(by, suggestion.matter)
    _require_pending(suggestion)
    date = None
    if data is None:
        data = suggestion_input(suggestion)
        date = suggestion.fuzzy_date()
    with transaction.atomic():
        locked = FactSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        _require_pending(locked)
        fact = fact_create(by=by, matter=suggestion.matter, data=data, date=date)
        FactSuggestion.objects.filter(pk=suggestion.pk).update(
            status=SuggestionStatus.ACCEPTED, fact=fact, decided_by=by, decided_at=timezone.now()
        )
        audit_record(
            actor=by,
            action="chronology.suggestion_accept",
            summary=f"Accepted a suggested fact from {suggestion.version.document.title}",
            object_type="factsuggestion",
            object_id=suggestion.pk,
            matter_id=suggestion.matter_id,
            data={"fact": fact.pk},
        )
    suggestion.refresh_from_db()
    return fact


def suggestion_dismiss(*, by: Any, suggestion: FactSuggestion) -> None:
    """Dismiss a suggestion (it is not offered again)."""
    require_matter_writer(by, suggestion.matter)
    _require_pending(suggestion)
    with transaction.atomic():
        FactSuggestion.objects.filter(pk=suggestion.pk).update(
            status=SuggestionStatus.DISMISSED, decided_by=by, decided_at=timezone.now()
        )
        audit_record(
            actor=by,
            action="chronology.suggestion_dismiss",
            summary=f"Dismissed a suggested fact from {suggestion.version.document.title}",
            object_type="factsuggestion",
            object_id=suggestion.pk,
            matter_id=suggestion.matter_id,
        )
    suggestion.refresh_from_db()


# --- CSV import ---------------------------------------------------------------------------


def _key(name: str) -> str:
    return " ".join(_nfc(name).casefold().split())


@dataclass
class PlannedFact:
    """One row of an import as it will be entered."""

    row: FactRow
    people: list[Contact] = field(default_factory=list)
    issue_names: list[str] = field(default_factory=list)
    source_document: Document | None = None
    note: str = ""


@dataclass
class ImportPlan:
    """What an import would do: nothing is written until it is confirmed."""

    facts: list[PlannedFact]
    errors: list[RowError]
    unmatched_people: dict[str, int]  # name -> rows naming them
    new_issues: list[str]
    unmatched_sources: dict[str, int]

    @property
    def ok(self) -> bool:
        return bool(self.facts)


def _people_index(matter: Matter) -> dict[str, Contact]:
    """The matter's parties by name and alias (casefolded)."""
    index: dict[str, Contact] = {}
    for party in matter.parties.select_related("contact").prefetch_related("contact__aliases"):
        contact = party.contact
        index.setdefault(_key(contact.name), contact)
        for alias in contact.aliases.all():
            index.setdefault(_key(alias.name), contact)
    return index


def facts_import_plan(*, by: Any, matter: Matter, data: bytes) -> ImportPlan:
    """Read a fact CSV and say what it would enter: rows, errors by line, people not among
    the matter's contacts (reported, not created), issues to make, sources not found."""
    require_matter_writer(by, matter)
    if len(data) > MAX_IMPORT_BYTES:
        raise ServiceError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; a fact CSV may be at most "
            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB.",
            field="file",
        )
    try:
        rows, errors = read_facts_csv(data)
    except (ValueError, UnicodeError, csv.Error) as exc:
        raise ServiceError(f"The file could not be read as CSV: {exc}", field="file") from exc
    people = _people_index(matter)
    issues = {_key(i.name): i.name for i in visible_issues(by)}
    documents: dict[str, Document] = {}
    for doc in matter_documents(by, matter):
        documents.setdefault(_key(doc.title), doc)
        if doc.current_version is not None:
            documents.setdefault(_key(doc.current_version.filename), doc)
    plan = ImportPlan([], list(errors), {}, [], {})
    new_keys: set[str] = set()
    for row in rows:
        planned = PlannedFact(row)
        notes: list[str] = []
        for name in row.people:
            contact = people.get(_key(name))
            if contact is None:
                plan.unmatched_people[name] = plan.unmatched_people.get(name, 0) + 1
                notes.append(name)
            elif contact not in planned.people:
                planned.people.append(contact)
        for name in row.issues:
            clean = " ".join(_nfc(name).split())[:ISSUE_NAME_LIMIT]
            if not clean:
                continue
            k = _key(clean)
            if k not in issues and k not in new_keys:
                new_keys.add(k)
                plan.new_issues.append(clean)
            planned.issue_names.append(issues.get(k, clean))
        if row.source.strip():
            doc = documents.get(_key(row.source))
            if doc is None:
                plan.unmatched_sources[row.source] = plan.unmatched_sources.get(row.source, 0) + 1
                planned.note = f"Source: {row.source}"
            planned.source_document = doc
        if notes:
            planned.note = "\n".join(p for p in (planned.note, "People: " + "; ".join(notes)) if p)
        plan.facts.append(planned)
    return plan


@dataclass(frozen=True)
class ImportResult:
    created: int
    issues_created: list[str]


def facts_import(*, by: Any, matter: Matter, data: bytes) -> ImportResult:
    """Enter every readable row of a fact CSV, in one transaction (all or nothing)."""
    plan = facts_import_plan(by=by, matter=matter, data=data)
    if not plan.facts:
        raise ServiceError("The file has no fact to import.", field="file")
    made: list[str] = []
    with transaction.atomic():
        issue_cache: dict[str, Issue] = {}
        for planned in plan.facts:
            row = planned.row
            description = (
                lines(
                    row.description,
                    label="The description",
                    field="description",
                    limit=DESCRIPTION_LIMIT,
                    required=False,
                )
                or "(no description)"
            )
            fact = Fact.objects.create(
                matter=matter,
                created_by=by,
                sort_date=row.date.sort_date,
                description=description,
                source_document=planned.source_document,
                source_page=one_line(row.page, label="Page", field="page", limit=500)[:PAGE_LIMIT],
                source_bates=one_line(row.bates, label="Bates", field="bates", limit=500)[
                    :BATES_LIMIT
                ],
                material=row.material,
                disputed=row.disputed,
                notes=planned.note,
                **date_columns(row.date),
            )
            if planned.people:
                fact.people.set(planned.people)
            tags = []
            for name in planned.issue_names:
                k = _key(name)
                if k not in issue_cache:
                    issue, created = issue_get_or_create(by=by, name=name)
                    issue_cache[k] = issue
                    if created:
                        made.append(issue.name)
                tags.append(issue_cache[k])
            if tags:
                fact.issues.set(tags)
        audit_record(
            actor=by,
            action="chronology.import",
            summary=f"Imported {len(plan.facts)} facts into {matter.number} from a CSV file",
            object_type="matter",
            object_id=matter.pk,
            matter_id=matter.pk,
            data={
                "facts": len(plan.facts),
                "errors": len(plan.errors),
                "new_issues": made[:100],
                "unmatched_people": len(plan.unmatched_people),
            },
        )
    return ImportResult(len(plan.facts), made)


# --- exports ------------------------------------------------------------------------------


def fact_row(fact: Fact) -> FactRow:
    """A fact as a CSV row (people and issues from the prefetch when there is one)."""
    return FactRow(
        date=fact.fuzzy_date(),
        description=fact.description,
        people=tuple(p.name for p in fact_people(fact)),
        issues=tuple(i.name for i in fact_issues(fact)),
        source=fact.source_document.title if fact.source_document is not None else "",
        page=fact.source_page,
        bates=fact.source_bates,
        material=fact.material,
        disputed=fact.disputed,
        entered_by=_user_name(fact.created_by),
    )


def _user_name(user: Any) -> str:
    if user is None:
        return ""
    return str(getattr(user, "display_name", "") or getattr(user, "username", ""))


def _export_audit(by: Any, matter: Matter, what: str, count: int, fmt: str) -> None:
    audit_record(
        actor=by,
        action="chronology.export",
        summary=f"Exported {what} of {matter.number} ({count} facts, {fmt.upper()})",
        object_type="matter",
        object_id=matter.pk,
        matter_id=matter.pk,
        data={"format": fmt, "facts": count},
    )


def facts_export_csv(*, by: Any, matter: Matter, facts: Iterable[Fact]) -> bytes:
    """The facts as CSV (UTF-8 with a BOM, so Excel reads Vietnamese and Arabic names)."""
    require_matter_reader(by, matter)
    rows = [fact_row(f) for f in facts]
    out = io.StringIO()
    write_facts_csv(rows, out)
    with transaction.atomic():
        _export_audit(by, matter, "the chronology", len(rows), "csv")
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def fact_json(fact: Fact) -> dict[str, Any]:
    """A fact as the CLI's JSON export writes it."""
    row = fact_row(fact)
    return {
        "date": fact.date_text,
        "date_kind": fact.date_kind,
        "date_start": fact.date_start.isoformat() if fact.date_start else None,
        "date_end": fact.date_end.isoformat() if fact.date_end else None,
        "description": fact.description,
        "people": list(row.people),
        "issues": list(row.issues),
        "source": row.source,
        "page": fact.source_page,
        "bates": fact.source_bates,
        "material": fact.material,
        "disputed": fact.disputed,
        "entered_by": row.entered_by,
    }


def facts_export_json(*, by: Any, matter: Matter, facts: Iterable[Fact]) -> dict[str, Any]:
    """The facts as ``{"matter": number, "facts": [...]}``."""
    require_matter_reader(by, matter)
    rows = [fact_json(f) for f in facts]
    with transaction.atomic():
        _export_audit(by, matter, "the chronology", len(rows), "json")
    return {"matter": matter.number, "facts": rows}


def timeline_export(
    *, by: Any, matter: Matter, facts: Iterable[Fact], fmt: str, title: str = ""
) -> bytes:
    """The timeline picture of the facts, as SVG or PNG."""
    require_matter_reader(by, matter)
    if fmt not in ("svg", "png"):
        raise ServiceError("The timeline downloads as SVG or PNG.")
    items = timeline_items(facts)
    title = title or f"{matter.number} {matter.title}"
    data = (
        timeline_svg(items, title=title).encode("utf-8")
        if fmt == "svg"
        else timeline_png(items, title=title)
    )
    with transaction.atomic():
        _export_audit(by, matter, "the timeline", len(items), fmt)
    return data
