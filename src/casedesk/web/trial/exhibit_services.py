"""Writes of a matter's exhibits: marking documents (numbered 1, 2, 3, A, B, C or by Bates
number), physical exhibits, edits, status at trial, removal, and the heading of a
proceeding's lists.

Every write checks the role and the matter's visibility (:mod:`.common`) and is audited in
the same transaction. Marking a document queues its sticker (:mod:`.stickers`, a background
task); the original is never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from casedesk.core.trial.exhibits import exhibit_number_value, exhibit_numbers, exhibit_sort_key
from casedesk.web.access import visible_documents
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.models import Document
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.trial.common import (
    check_date,
    clean_proceeding,
    lines,
    one_line,
    require_matter_writer,
)
from casedesk.web.trial.models import (
    Exhibit,
    ExhibitStatus,
    Party,
    StickerStatus,
    TrialDetails,
)

NUMBERINGS = ("numbers", "letters", "bates")
NUMBER_LIMIT = 40
DESCRIPTION_LIMIT = 2_000
MARK_LIMIT = 500  # documents in one go


# --- small helpers -------------------------------------------------------------------------------


def party_name(party: str) -> str:
    """ "plaintiff" → "Plaintiff's"."""
    return f"{Party(party).label}'s"


def _check_party(party: str) -> str:
    if party not in Party.values:
        raise ServiceError("Choose the party: plaintiff, defendant or joint.", field="party")
    return party


def clean_number(value: object) -> str:
    """An exhibit label: 1–40 characters of one line ("12", "AB", "ACME000101", "12A")."""
    text = one_line(value, label="Exhibit number", field="number", limit=NUMBER_LIMIT)
    if not text:
        raise ServiceError("The exhibit number is required.", field="number")
    return text


def bates_text(document: Document) -> str:
    """The document's Bates range as the list shows it ("ACME000101-ACME000112")."""
    start, end = document.bates_start, document.bates_end
    if not start:
        return ""
    return f"{start}-{end}" if end and end != start else start


def default_description(document: Document) -> str:
    """What the list says of a document until someone writes better: its title and date."""
    if document.document_date:
        return f"{document.title}, dated {document.document_date:%m/%d/%Y}"
    return document.title


def _start_value(start: int | str | None, numbering: str) -> int | None:
    """``start`` as a position in the numbering (letters may be given as "C" or 3)."""
    if start is None or (isinstance(start, str) and not start.strip()):
        return None
    if isinstance(start, int):
        value: int | None = start
    elif start.strip().isdigit():
        value = int(start.strip())
    else:
        value = exhibit_number_value(start, numbering) if numbering == "letters" else None
    if value is None or value < 1:
        raise ServiceError(
            "Start at a number of 1 or more"
            + (" (or a letter: A, B, C…)." if numbering == "letters" else "."),
            field="start",
        )
    return value


def next_number_value(matter: Matter, proceeding: str, party: str, numbering: str) -> int:
    """Where numbering continues: one after the party's last exhibit in that style."""
    used = Exhibit.objects.filter(matter=matter, proceeding=proceeding, party=party)
    values = [exhibit_number_value(n, numbering) for n in used.values_list("number", flat=True)]
    return max((v for v in values if v is not None), default=0) + 1


def _queue_sticker(exhibit: Exhibit) -> None:
    from casedesk.web.trial.tasks import trial_exhibit_sticker

    exhibit_id = exhibit.pk
    transaction.on_commit(lambda: trial_exhibit_sticker.enqueue(exhibit_id))


def _sticker_fields(exhibit: Exhibit, document: Document | None) -> None:
    """Point the exhibit at the document's current version and mark its sticker as to make."""
    version = document.current_version if document is not None else None
    exhibit.version = version
    exhibit.sticker = None
    if version is None:
        exhibit.sticker_status = StickerStatus.NONE
        exhibit.sticker_message = ""
    else:
        exhibit.sticker_status = StickerStatus.QUEUED
        exhibit.sticker_message = ""


def _taken(matter: Matter, proceeding: str, party: str, numbers: Sequence[str]) -> list[str]:
    return list(
        Exhibit.objects.filter(
            matter=matter, proceeding=proceeding, party=party, number__in=list(numbers)
        ).values_list("number", flat=True)
    )


def _already(party: str, proceeding: str, taken: Sequence[str]) -> ServiceError:
    shown = ", ".join(sorted(taken, key=exhibit_sort_key)[:10])
    plural = "s" if len(taken) > 1 else ""
    return ServiceError(
        f"{party_name(party)} exhibit{plural} {shown} already exist{'' if plural else 's'} "
        f"in {proceeding}: choose another start or numbering.",
        field="start",
    )


# --- marking -------------------------------------------------------------------------------------


def exhibits_mark(
    *,
    by: Any,
    matter: Matter,
    document_ids: Sequence[int],
    party: str,
    numbering: str = "numbers",
    start: int | str | None = None,
    proceeding: str = "",
    witness: str = "",
    date: dt.date | None = None,
    enqueue: bool = True,
) -> list[Exhibit]:
    """Mark the matter's documents as ``party``'s exhibits, in the order given.

    Numbers (1, 2, 3) and letters (A, B, C) continue after the party's last exhibit in the
    proceeding unless ``start`` says otherwise; "bates" numbers each exhibit by its
    document's first Bates number. ``date`` is the date marked (shown on the sticker).
    Each document's sticker is made in the background.
    """
    require_matter_writer(by, matter)
    party = _check_party(party)
    if numbering not in NUMBERINGS:
        raise ServiceError("Number the exhibits 1, 2, 3, A, B, C or by Bates number.")
    proceeding = clean_proceeding(proceeding)
    witness = one_line(witness, label="Witness", field="witness", limit=300)
    date = check_date(date, label="Date marked", field="date")
    ids: list[int] = []
    for raw in document_ids:
        try:
            value = int(raw)
        except (TypeError, ValueError) as exc:
            raise ServiceError("Choose documents of this matter to mark.") from exc
        if value not in ids:
            ids.append(value)
    if not ids:
        raise ServiceError("Choose at least one document to mark as an exhibit.")
    if len(ids) > MARK_LIMIT:
        raise ServiceError(f"Mark at most {MARK_LIMIT} documents at a time.")
    found = {
        d.pk: d
        for d in visible_documents(by)
        .filter(matter=matter, pk__in=ids)
        .select_related("current_version")
    }
    if len(found) != len(ids):
        raise ServiceError("Some of the chosen documents are not in this matter's case file.")
    documents = [found[i] for i in ids]
    already = (
        Exhibit.objects.filter(
            matter=matter, proceeding=proceeding, party=party, document__in=documents
        )
        .select_related("document")
        .first()
    )
    if already is not None and already.document is not None:
        raise ServiceError(
            f"“{already.document.title}” is already {party_name(party).lower()} exhibit "
            f"{already.number} in {proceeding}."
        )
    with transaction.atomic():
        Matter.objects.select_for_update().filter(pk=matter.pk).first()  # one marker at a time
        if numbering == "bates":
            missing = [d.title for d in documents if not d.bates_start]
            if missing:
                raise ServiceError(
                    f"“{missing[0]}” has no Bates number yet: produce it first, or number the "
                    "exhibits 1, 2, 3 or A, B, C.",
                    field="numbering",
                )
            numbers = [d.bates_start for d in documents]
        else:
            first = _start_value(start, numbering) or next_number_value(
                matter, proceeding, party, numbering
            )
            numbers = exhibit_numbers(len(documents), numbering, first)
        taken = _taken(matter, proceeding, party, numbers)
        if taken:
            raise _already(party, proceeding, taken)
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        if twice:
            raise ServiceError(
                f"Two of the chosen documents start at the same Bates number ({twice[0]}): "
                "number them 1, 2, 3 or A, B, C instead.",
                field="numbering",
            )
        exhibits = []
        for document, number in zip(documents, numbers, strict=True):
            exhibit = Exhibit(
                matter=matter,
                proceeding=proceeding,
                document=document,
                party=party,
                number=number,
                sort_key=exhibit_sort_key(number),
                description=default_description(document)[:DESCRIPTION_LIMIT],
                witness=witness,
                bates=bates_text(document),
                marked_on=date,
                created_by=by,
            )
            _sticker_fields(exhibit, document)
            exhibit.save()
            exhibits.append(exhibit)
            if enqueue and exhibit.sticker_status == StickerStatus.QUEUED:
                _queue_sticker(exhibit)
        audit_record(
            actor=by,
            action="trial.exhibits_mark",
            summary=f"Marked {len(exhibits)} document{'s' if len(exhibits) != 1 else ''} as "
            f"{party_name(party).lower()} exhibits {numbers[0]}"
            + (f"–{numbers[-1]}" if len(numbers) > 1 else "")
            + f" ({proceeding}) on {matter.number}",
            object_type="exhibit",
            object_id=exhibits[0].pk,
            matter_id=matter.pk,
            data={
                "proceeding": proceeding,
                "party": party,
                "numbering": numbering,
                "exhibits": [{"id": e.pk, "number": e.number} for e in exhibits],
            },
        )
    return exhibits


def exhibit_add(
    *,
    by: Any,
    matter: Matter,
    party: str,
    description: str,
    proceeding: str = "",
    number: str = "",
    witness: str = "",
    date: dt.date | None = None,
) -> Exhibit:
    """Add an exhibit that is not a document of the case file (a physical object, a model):
    only its description goes on the list. Its number continues the party's numbers unless
    given."""
    require_matter_writer(by, matter)
    party = _check_party(party)
    proceeding = clean_proceeding(proceeding)
    description = lines(
        description, label="Description", field="description", limit=DESCRIPTION_LIMIT
    )
    if not description:
        raise ServiceError("Describe the exhibit.", field="description")
    witness = one_line(witness, label="Witness", field="witness", limit=300)
    date = check_date(date, label="Date marked", field="date")
    with transaction.atomic():
        Matter.objects.select_for_update().filter(pk=matter.pk).first()
        label = (
            clean_number(number)
            if str(number or "").strip()
            else str(next_number_value(matter, proceeding, party, "numbers"))
        )
        if _taken(matter, proceeding, party, [label]):
            raise _already(party, proceeding, [label])
        exhibit = Exhibit.objects.create(
            matter=matter,
            proceeding=proceeding,
            party=party,
            number=label,
            sort_key=exhibit_sort_key(label),
            description=description,
            witness=witness,
            marked_on=date,
            created_by=by,
        )
        audit_record(
            actor=by,
            action="trial.exhibit_add",
            summary=f"Added {party_name(party).lower()} exhibit {label} ({proceeding}) on "
            f"{matter.number}",
            object_type="exhibit",
            object_id=exhibit.pk,
            matter_id=matter.pk,
        )
    return exhibit


# --- editing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExhibitEdit:
    """What the exhibit's page lets the user change."""

    number: str
    description: str
    witness: str = ""
    bates: str = ""
    marked_on: dt.date | None = None


def _locked(exhibit: Exhibit) -> Exhibit:
    """The exhibit re-read under a row lock (two people at the same exhibit wait in turn)."""
    return (
        Exhibit.objects.select_for_update(of=("self",))
        .select_related("matter", "document")
        .get(pk=exhibit.pk)
    )


def exhibit_update(
    *, by: Any, exhibit: Exhibit, edit: ExhibitEdit, enqueue: bool = True
) -> Exhibit:
    """Change an exhibit's number, description, witness, Bates range or date marked; the
    sticker is made again when what it shows changed."""
    require_matter_writer(by, exhibit.matter)
    number = clean_number(edit.number)
    description = lines(
        edit.description, label="Description", field="description", limit=DESCRIPTION_LIMIT
    )
    if not description:
        raise ServiceError("Describe the exhibit.", field="description")
    witness = one_line(edit.witness, label="Witness", field="witness", limit=300)
    bates = one_line(edit.bates, label="Bates range", field="bates", limit=100)
    marked_on = check_date(edit.marked_on, label="Date marked", field="marked_on")
    try:
        with transaction.atomic():
            exhibit = _locked(exhibit)
            before = {"number": exhibit.number, "witness": exhibit.witness}
            restamp = (number, witness, marked_on) != (
                exhibit.number,
                exhibit.witness,
                exhibit.marked_on,
            )
            exhibit.number = number
            exhibit.sort_key = exhibit_sort_key(number)
            exhibit.description = description
            exhibit.witness = witness
            exhibit.bates = bates
            exhibit.marked_on = marked_on
            if restamp and exhibit.document is not None:
                _sticker_fields(exhibit, exhibit.document)
                if enqueue and exhibit.sticker_status == StickerStatus.QUEUED:
                    _queue_sticker(exhibit)
            exhibit.save()
            audit_record(
                actor=by,
                action="trial.exhibit_update",
                summary=f"Edited exhibit {exhibit.label} ({exhibit.proceeding}) on "
                f"{exhibit.matter.number}",
                object_type="exhibit",
                object_id=exhibit.pk,
                matter_id=exhibit.matter_id,
                data={"before": before, "number": number, "witness": witness},
            )
    except IntegrityError as exc:
        raise ServiceError(
            f"{party_name(exhibit.party)} exhibit {number} already exists in {exhibit.proceeding}.",
            field="number",
        ) from exc
    return exhibit


def exhibit_set_status(
    *,
    by: Any,
    exhibit: Exhibit,
    status: str,
    on: dt.date | None = None,
    note: str = "",
) -> Exhibit:
    """Record what happened to the exhibit at trial, on ``on`` (today by default).

    Offered sets the date offered; admitted the date admitted (and offered, if it was not
    recorded); refused and withdrawn only their own date; "listed" takes it back to before
    trial (the dates offered and admitted are cleared).
    """
    require_matter_writer(by, exhibit.matter)
    if status not in ExhibitStatus.values:
        raise ServiceError("Choose offered, admitted, refused or withdrawn.", field="status")
    day = check_date(on, label="Date", field="on") or timezone.localdate()
    note = one_line(note, label="Note", field="note", limit=500)
    with transaction.atomic():
        exhibit = _locked(exhibit)
        before = exhibit.status
        exhibit.status = status
        exhibit.status_note = note
        exhibit.status_on = None if status == ExhibitStatus.LISTED else day
        if status == ExhibitStatus.LISTED:
            exhibit.offered_on = exhibit.admitted_on = None
        elif status == ExhibitStatus.OFFERED:
            exhibit.offered_on, exhibit.admitted_on = day, None
        elif status == ExhibitStatus.ADMITTED:
            exhibit.admitted_on = day
            exhibit.offered_on = exhibit.offered_on or day
        elif status == ExhibitStatus.REFUSED:
            exhibit.offered_on = exhibit.offered_on or day
            exhibit.admitted_on = None
        else:  # withdrawn
            exhibit.admitted_on = None
        exhibit.save()
        audit_record(
            actor=by,
            action="trial.exhibit_status",
            summary=f"Exhibit {exhibit.label} ({exhibit.proceeding}) on "
            f"{exhibit.matter.number}: {exhibit.get_status_display().lower()}"
            + (f" on {day:%m/%d/%Y}" if status != ExhibitStatus.LISTED else ""),
            object_type="exhibit",
            object_id=exhibit.pk,
            matter_id=exhibit.matter_id,
            data={"before": before, "status": status, "on": day.isoformat()},
        )
    return exhibit


def exhibit_delete(*, by: Any, exhibit: Exhibit) -> None:
    """Take an exhibit off the list, while it has not been offered at trial (after that it
    stays on the list: mark it withdrawn)."""
    require_matter_writer(by, exhibit.matter)
    with transaction.atomic():
        exhibit = _locked(exhibit)
        if exhibit.status != ExhibitStatus.LISTED:
            raise ServiceError(
                f"Exhibit {exhibit.label} was {exhibit.get_status_display().lower()} at trial, "
                "so it stays on the list: mark it withdrawn instead."
            )
        audit_record(
            actor=by,
            action="trial.exhibit_delete",
            summary=f"Removed exhibit {exhibit.label} ({exhibit.proceeding}) from "
            f"{exhibit.matter.number}",
            object_type="exhibit",
            object_id=exhibit.pk,
            matter_id=exhibit.matter_id,
            data={"number": exhibit.number, "party": exhibit.party},
        )
        exhibit.delete()


def exhibit_sticker_remake(*, by: Any, exhibit: Exhibit, enqueue: bool = True) -> Exhibit:
    """Make the sticker again from the document's current version (after a new version, or
    when the worker failed)."""
    require_matter_writer(by, exhibit.matter)
    with transaction.atomic():
        exhibit = _locked(exhibit)
        if exhibit.document is None or exhibit.document.deleted_at is not None:
            raise ServiceError("This exhibit has no document in the case file to sticker.")
        _sticker_fields(exhibit, exhibit.document)
        if exhibit.sticker_status != StickerStatus.QUEUED:
            raise ServiceError("The document has no file to sticker.")
        exhibit.save()
        if enqueue:
            _queue_sticker(exhibit)
        audit_record(
            actor=by,
            action="trial.exhibit_sticker",
            summary=f"Asked for the sticker of exhibit {exhibit.label} again on "
            f"{exhibit.matter.number}",
            object_type="exhibit",
            object_id=exhibit.pk,
            matter_id=exhibit.matter_id,
        )
    return exhibit


# --- the lists' heading --------------------------------------------------------------------------


@dataclass(frozen=True)
class DetailsInput:
    """The heading of a proceeding's lists (AO 187) beyond what the matter holds."""

    caption: str = ""
    plaintiff_attorneys: str = ""
    defendant_attorneys: str = ""
    trial_dates: str = ""
    court_reporter: str = ""
    courtroom_deputy: str = ""


def trial_details_save(
    *, by: Any, matter: Matter, proceeding: str, details: DetailsInput
) -> TrialDetails:
    """Save the heading of a proceeding's exhibit and witness lists."""
    require_matter_writer(by, matter)
    proceeding = clean_proceeding(proceeding)
    values = {
        "caption": one_line(details.caption, label="Caption", field="caption", limit=500),
        "plaintiff_attorneys": lines(
            details.plaintiff_attorneys,
            label="Plaintiff's attorneys",
            field="plaintiff_attorneys",
            limit=2_000,
        ),
        "defendant_attorneys": lines(
            details.defendant_attorneys,
            label="Defendant's attorneys",
            field="defendant_attorneys",
            limit=2_000,
        ),
        "trial_dates": one_line(
            details.trial_dates, label="Trial dates", field="trial_dates", limit=200
        ),
        "court_reporter": one_line(
            details.court_reporter, label="Court reporter", field="court_reporter", limit=200
        ),
        "courtroom_deputy": one_line(
            details.courtroom_deputy, label="Courtroom deputy", field="courtroom_deputy", limit=200
        ),
    }
    with transaction.atomic():
        row, _ = TrialDetails.objects.update_or_create(
            matter=matter, proceeding=proceeding, defaults={**values, "updated_by": by}
        )
        audit_record(
            actor=by,
            action="trial.details_save",
            summary=f"Saved the heading of the {proceeding} lists on {matter.number}",
            object_type="trial_details",
            object_id=row.pk,
            matter_id=matter.pk,
        )
    return row


def next_numbers(matter: Matter, proceeding: str) -> dict[str, dict[str, str]]:
    """Where each party's numbering continues in a proceeding: ``{"plaintiff": {"numbers":
    "4", "letters": "A"}, ...}`` (shown beside the marking form)."""
    from casedesk.core.trial.exhibits import letters_label

    out: dict[str, dict[str, str]] = {}
    for party in Party.values:
        out[party] = {
            "numbers": str(next_number_value(matter, proceeding, party, "numbers")),
            "letters": letters_label(next_number_value(matter, proceeding, party, "letters")),
        }
    return out
