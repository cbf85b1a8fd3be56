"""Writes of a matter's privilege log (FRCP 26(b)(5)(A)): one entry per document withheld or
redacted, numbered PRIV-0001, PRIV-0002… per matter, after the highest number on the log (an
entry removed from the middle leaves a gap; numbers are never renumbered).

Rule 26(b)(5)(A) asks for a description that lets the other side assess the claim "without
revealing information itself privileged". A description that repeats the document word for
word (:data:`QUOTE_WORDS` or more consecutive words of its text) is saved with a warning the
log page shows, so someone rewrites it before the log goes out.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from casedesk.core.extract.kinds import FileKind
from casedesk.web.access import visible_documents
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_copy_to
from casedesk.web.documents.models import Document
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.trial.common import check_date, lines, one_line, require_matter_writer
from casedesk.web.trial.exhibit_services import bates_text
from casedesk.web.trial.models import Privilege, PrivilegeEntry, Treatment

QUOTE_WORDS = 8
# What a new entry's "Type" says for a document of these categories (the rest start blank:
# "Internal" or "Evidence" say nothing about what the document is).
CATEGORY_TYPES = {"correspondence": "Letter", "research": "Research memorandum"}
DESCRIPTION_LIMIT = 2_000
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class PrivilegeInput:
    """One log entry's fields as the form gives them."""

    description: str
    date: dt.date | None = None
    doc_type: str = ""
    author: str = ""
    recipients_to: str = ""
    recipients_cc: str = ""
    recipients_bcc: str = ""
    privilege: str = Privilege.ATTORNEY_CLIENT
    privilege_other: str = ""
    treatment: str = Treatment.WITHHELD
    bates: str = ""


@dataclass(frozen=True)
class PrivilegeResult:
    """The entry saved, and the warning about its description ("" when there is none)."""

    entry: PrivilegeEntry
    warning: str


# --- the quotation check -------------------------------------------------------------------------


def _words(text: str) -> Iterator[str]:
    for match in _WORD.finditer(text):
        yield match.group(0).casefold()


def quoted_run(description: str, text: str, *, at_least: int = QUOTE_WORDS) -> str:
    """The longest stretch of ``description`` (``at_least`` words or more) every ``at_least``
    words of which appear word for word in ``text``; "" when there is none.

    Case, punctuation and spacing are ignored. The document's text is read once, word by
    word, so a long document costs time in proportion to its length and little memory.
    """
    shown = [m.group(0) for m in _WORD.finditer(description)]
    words = [w.casefold() for w in shown]
    if len(words) < at_least or not text:
        return ""
    wanted: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(words) - at_least + 1):
        wanted.setdefault(tuple(words[i : i + at_least]), []).append(i)
    vocabulary = set(words)
    hits: set[int] = set()
    window: deque[str] = deque(maxlen=at_least)
    for word in _words(text):
        if word not in vocabulary:
            window.clear()
            continue
        window.append(word)
        if len(window) == at_least:
            starts = wanted.get(tuple(window))
            if starts:
                hits.update(starts)
    if not hits:
        return ""
    best = (0, 0)  # (first window, windows in a row)
    run_start, run = -1, 0
    for i in sorted(hits):
        if i == run_start + run:
            run += 1
        else:
            run_start, run = i, 1
        if run > best[1]:
            best = (run_start, run)
    first, count = best
    return " ".join(shown[first : first + count + at_least - 1])


def quote_warning(description: str, document: Document | None) -> str:
    """The warning for a description that quotes its document, or ""."""
    version = document.current_version if document is not None else None
    if version is None or not version.text:
        return ""
    run = quoted_run(description, version.text)
    if not run:
        return ""
    count = len(run.split())
    quoted = run if len(run) <= 160 else run[:157] + "…"
    return (
        f"The description repeats {count} words of the document word for word (“{quoted}”): "
        "it may reveal privileged content. Describe the kind of communication and its "
        "general subject instead."
    )


# --- defaults from the document ------------------------------------------------------------------


def _email_people(document: Document) -> dict[str, str]:
    """From, To and Cc of a filed e-mail (.eml/.msg), or {} when it cannot be read."""
    from casedesk.core.extract.mail import read_email

    version = document.current_version
    if version is None or version.kind not in (FileKind.EML, FileKind.MSG):
        return {}
    root = Path(settings.CASEDESK_UPLOAD_TMP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="privlog-", dir=root) as tmp:
            path = blob_copy_to(version.blob, Path(tmp) / f"message.{version.kind}")
            parts = read_email(path, FileKind(version.kind))
    except Exception:  # a message that cannot be read just leaves the fields blank
        return {}
    return {
        "author": parts.sender,
        "recipients_to": "; ".join(parts.to),
        "recipients_cc": "; ".join(parts.cc),
        "date": parts.date.date().isoformat() if parts.date else "",
    }


def privilege_defaults(document: Document) -> PrivilegeInput:
    """A new entry's fields filled from the document: its date, type, author (From/To/Cc of
    an e-mail), and "redacted" with its Bates range when it was produced."""
    version = document.current_version
    is_mail = version is not None and version.kind in (FileKind.EML, FileKind.MSG)
    people = _email_people(document) if is_mail else {}
    date = document.document_date
    if date is None and people.get("date"):
        date = dt.date.fromisoformat(people["date"])
    bates = bates_text(document)
    return PrivilegeInput(
        description="",
        date=date,
        doc_type="Email" if is_mail else CATEGORY_TYPES.get(document.category.slug, ""),
        author=people.get("author") or document.author,
        recipients_to=people.get("recipients_to", ""),
        recipients_cc=people.get("recipients_cc", ""),
        treatment=Treatment.REDACTED if bates else Treatment.WITHHELD,
        bates=bates,
    )


# --- writes --------------------------------------------------------------------------------------


def _clean(data: PrivilegeInput) -> dict[str, Any]:
    if data.privilege not in Privilege.values:
        raise ServiceError("Choose the privilege asserted.", field="privilege")
    if data.treatment not in Treatment.values:
        raise ServiceError("Choose withheld or redacted.", field="treatment")
    other = one_line(
        data.privilege_other, label="Other privilege", field="privilege_other", limit=200
    )
    if data.privilege == Privilege.OTHER and not other:
        raise ServiceError("Name the privilege or protection asserted.", field="privilege_other")
    description = lines(
        data.description, label="Description", field="description", limit=DESCRIPTION_LIMIT
    )
    if not description:
        raise ServiceError(
            "Describe the document (its kind and general subject) so the other side can "
            "assess the claim.",
            field="description",
        )
    return {
        "date": check_date(data.date, label="Date", field="date"),
        "doc_type": one_line(data.doc_type, label="Type", field="doc_type", limit=100),
        "author": one_line(data.author, label="Author", field="author", limit=500),
        "recipients_to": lines(data.recipients_to, label="To", field="recipients_to"),
        "recipients_cc": lines(data.recipients_cc, label="Cc", field="recipients_cc"),
        "recipients_bcc": lines(data.recipients_bcc, label="Bcc", field="recipients_bcc"),
        "privilege": data.privilege,
        "privilege_other": other if data.privilege == Privilege.OTHER else "",
        "treatment": data.treatment,
        "description": description,
        "bates": one_line(data.bates, label="Bates", field="bates", limit=100),
    }


def privilege_entry_create(*, by: Any, document: Document, data: PrivilegeInput) -> PrivilegeResult:
    """Put a document of the matter on its privilege log with the next number."""
    matter: Matter = document.matter
    require_matter_writer(by, matter)
    if not visible_documents(by).filter(pk=document.pk).exists():
        raise ServiceError("No such document.")
    values = _clean(data)
    warning = quote_warning(values["description"], document)
    with transaction.atomic():
        Matter.objects.select_for_update().filter(pk=matter.pk).first()  # numbers in turn
        existing = PrivilegeEntry.objects.filter(document=document).first()
        if existing is not None:
            raise ServiceError(
                f"“{document.title}” is already on the privilege log as {existing.number}."
            )
        top = PrivilegeEntry.objects.filter(matter=matter).aggregate(top=Max("seq"))["top"]
        seq = (top or 0) + 1
        entry = PrivilegeEntry.objects.create(
            matter=matter,
            document=document,
            seq=seq,
            number=f"PRIV-{seq:04d}",
            quote_warning=warning[:1000],
            created_by=by,
            updated_by=by,
            **values,
        )
        audit_record(
            actor=by,
            action="trial.privilege_create",
            summary=f"Logged “{document.title}” as {entry.number} "
            f"({entry.get_treatment_display().lower()}) on {matter.number}",
            object_type="privilege_entry",
            object_id=entry.pk,
            matter_id=matter.pk,
            data={"document": document.pk, "privilege": entry.privilege},
        )
    return PrivilegeResult(entry, warning)


def privilege_entry_update(
    *, by: Any, entry: PrivilegeEntry, data: PrivilegeInput
) -> PrivilegeResult:
    """Change an entry of the log (its number stays)."""
    require_matter_writer(by, entry.matter)
    values = _clean(data)
    with transaction.atomic():
        entry = (
            PrivilegeEntry.objects.select_for_update(of=("self",))
            .select_related("matter", "document", "document__current_version")
            .get(pk=entry.pk)
        )
        warning = quote_warning(values["description"], entry.document)
        for key, value in values.items():
            setattr(entry, key, value)
        entry.quote_warning = warning[:1000]
        entry.updated_by = by
        entry.save()
        audit_record(
            actor=by,
            action="trial.privilege_update",
            summary=f"Edited privilege log entry {entry.number} on {entry.matter.number}",
            object_type="privilege_entry",
            object_id=entry.pk,
            matter_id=entry.matter_id,
        )
    return PrivilegeResult(entry, warning)


def privilege_entry_delete(*, by: Any, entry: PrivilegeEntry) -> None:
    """Take an entry off the log (the others keep their numbers)."""
    require_matter_writer(by, entry.matter)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="trial.privilege_delete",
            summary=f"Removed privilege log entry {entry.number} from {entry.matter.number}",
            object_type="privilege_entry",
            object_id=entry.pk,
            matter_id=entry.matter_id,
            data={"number": entry.number},
        )
        entry.delete()


__all__ = [
    "QUOTE_WORDS",
    "PrivilegeInput",
    "PrivilegeResult",
    "privilege_defaults",
    "privilege_entry_create",
    "privilege_entry_delete",
    "privilege_entry_update",
    "quote_warning",
    "quoted_run",
]
