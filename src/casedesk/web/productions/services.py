"""Writes of the productions app: creating a production with its Bates numbers reserved,
building it again after a failure, deleting the latest one.

The numbers are reserved in the creating transaction when every page count is known at once
(PDFs, natives), else by the worker after converting (``build``); only one production per
prefix of a matter may be waiting or running, so its ranges stay the chain's tail (see
``ledger``) and are released only if its build fails.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.web.access import require_writer, visible_documents, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.models import Confidentiality, Document
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.productions.ledger import (
    chain_tail,
    check_prefix_case,
    is_followed,
    lock_matter,
    release_ranges,
    reserve_ranges,
)
from casedesk.web.productions.models import (
    MAX_DIGITS,
    MIN_DIGITS,
    PENDING,
    BatesRange,
    JobStatus,
    Position,
    Production,
    ProductionItem,
)
from casedesk.web.productions.prepare import (
    PrepareError,
    is_native,
    original_path,
    pages_known_without_work,
    pdf_pages,
)

LEGEND_CONFIDENTIAL = "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER"
LEGEND_HIGHLY = "HIGHLY CONFIDENTIAL - ATTORNEYS' EYES ONLY"
LEGENDS = (LEGEND_CONFIDENTIAL, LEGEND_HIGHLY)
FONTS = ("Helvetica", "Helvetica-Bold", "Times-Roman", "Times-Bold", "Courier", "Courier-Bold")
MIN_SIZE, MAX_SIZE = 6.0, 24.0
LEGEND_LIMIT = 120
CUSTODIAN_LIMIT = 200
MAX_DOCUMENTS = 5_000
VOLUME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,29}")


def default_legend(document: Document) -> str:
    """The legend a document gets unless the user changes it, from its confidentiality."""
    if document.confidentiality == Confidentiality.CONFIDENTIAL:
        return LEGEND_CONFIDENTIAL
    if document.confidentiality in (Confidentiality.HIGHLY, Confidentiality.AEO):
        return LEGEND_HIGHLY
    return ""


# --- input checks --------------------------------------------------------------------------------


def clean_prefix(prefix: str) -> str:
    """The prefix as stored (core's rules: 1-20 letters, digits, "_", "-", ".")."""
    from casedesk.core.pdf.bates import validate_prefix

    try:
        return validate_prefix(str(prefix or ""))
    except ValueError as exc:
        raise ServiceError(str(exc), field="prefix") from exc


def clean_digits(digits: Any) -> int:
    try:
        value = int(digits)
    except (TypeError, ValueError) as exc:
        raise ServiceError("The number of digits must be a whole number.", field="digits") from exc
    if not MIN_DIGITS <= value <= MAX_DIGITS:
        raise ServiceError(
            f"The number of digits must be between {MIN_DIGITS} and {MAX_DIGITS}.", field="digits"
        )
    return value


def clean_style(position: str, font: str, size: Any) -> tuple[str, str, float]:
    """The stamp's position, font and size, checked."""
    if position not in Position.values:
        raise ServiceError("Choose a position for the stamp from the list.", field="position")
    if font not in FONTS:
        raise ServiceError(f"The font must be one of {', '.join(FONTS)}.", field="font")
    try:
        points = float(size)
    except (TypeError, ValueError) as exc:
        raise ServiceError("The size must be a number of points, e.g. 10.", field="size") from exc
    if not MIN_SIZE <= points <= MAX_SIZE:
        raise ServiceError(
            f"The size must be between {MIN_SIZE:g} and {MAX_SIZE:g} points.", field="size"
        )
    return position, font, points


def clean_legend(value: object, *, title: str) -> str:
    """A legend: one line the standard PDF fonts can print (Latin letters and punctuation)."""
    from casedesk.core.pdf.fonts import encode_winansi
    from casedesk.web.scheduling.event_services import clean_text

    label = f"The legend of {title}"
    text = clean_text(value, field="legends", label=label, limit=LEGEND_LIMIT, required=False)
    try:
        encode_winansi(text, what=label)
    except ValueError as exc:
        raise ServiceError(str(exc), field="legends") from exc
    return text


def clean_volume(value: str) -> str:
    volume = str(value or "").strip()
    if not VOLUME_RE.fullmatch(volume):
        raise ServiceError(
            "The volume name must be 1-30 letters, digits, '_', '-' or '.', starting with a "
            "letter or digit (it names the volume's folder and load files), e.g. ACME001.",
            field="volume",
        )
    return volume


def _check_matter(by: Any, matter: Matter) -> None:
    require_writer(by)
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")


# --- productions ---------------------------------------------------------------------------------


def _documents(by: Any, matter: Matter, document_ids: Sequence[Any]) -> list[Document]:
    ids: list[int] = []
    for raw in document_ids:
        try:
            value = int(raw)
        except (TypeError, ValueError) as exc:
            raise ServiceError("A chosen document is not valid.", field="documents") from exc
        if value in ids:
            raise ServiceError("A document is chosen twice.", field="documents")
        ids.append(value)
    if not ids:
        raise ServiceError("Choose at least one document to produce.", field="documents")
    if len(ids) > MAX_DOCUMENTS:
        raise ServiceError(
            f"A production can hold at most {MAX_DOCUMENTS:,} documents; split it in volumes.",
            field="documents",
        )
    found = {
        d.pk: d
        for d in visible_documents(by)
        .filter(matter=matter, pk__in=ids)
        .select_related("current_version")
    }
    if len(found) != len(ids):
        raise ServiceError(
            "Some of the chosen documents are not in this matter's case file (they may have "
            "been moved to the trash); choose again.",
            field="documents",
        )
    docs = [found[i] for i in ids]
    for d in docs:
        if d.current_version is None:
            raise ServiceError(f"{d.title} has no file to produce.", field="documents")
    return docs


def default_volume(matter: Matter, prefix: str) -> str:
    """The next free volume name under the prefix: ACME001, ACME002, ..."""
    used = set(Production.objects.filter(matter=matter).values_list("volume", flat=True))
    number = Production.objects.filter(matter=matter, prefix=prefix).count() + 1
    stem = prefix if VOLUME_RE.fullmatch(f"{prefix}001") else "VOL"  # e.g. a prefix ".A"
    while f"{stem}{number:03d}" in used:
        number += 1
    return f"{stem}{number:03d}"


def _known_page_counts(docs: Sequence[Document]) -> list[int] | None:
    """Every document's page count when all can be read now (PDFs, natives), else None.

    Reading each PDF here also refuses an encrypted or unreadable one before anything is
    reserved, with the file named.
    """
    counts: list[int] = []
    unknown = False
    for d in docs:
        version = d.current_version
        assert version is not None
        try:
            original_path(version)
            if not pages_known_without_work(version.kind):
                unknown = True
                continue
            counts.append(
                1
                if is_native(version.kind)
                else pdf_pages(original_path(version), version.filename)
            )
        except PrepareError as exc:
            raise ServiceError(str(exc), field="documents") from exc
    return None if unknown else counts


def production_create(
    *,
    by: Any,
    matter: Matter,
    document_ids: Sequence[Any],
    prefix: str,
    digits: Any = 6,
    start: int | None = None,
    position: str = Position.BOTTOM_RIGHT,
    font: str = "Helvetica-Bold",
    size: Any = 10.0,
    legends: Mapping[Any, str] | None = None,
    custodians: Mapping[Any, str] | None = None,
    combined: bool = False,
    volume: str = "",
    enqueue: bool = True,
) -> Production:
    """Create a production of ``document_ids`` (in that order) and queue its build.

    The numbers are reserved in this transaction when every page count is known now (PDFs,
    natives); otherwise the worker reserves them after converting. ``start`` None continues
    the prefix's chain; another start is allowed only for the prefix's first production in
    the matter. ``legends``/``custodians`` are keyed by document id (missing: the legend
    from the document's confidentiality, no custodian).
    """
    from casedesk.web.scheduling.event_services import clean_text

    _check_matter(by, matter)
    prefix = clean_prefix(prefix)
    digits = clean_digits(digits)
    position, font, points = clean_style(position, font, size)
    docs = _documents(by, matter, document_ids)
    legends = {str(k): v for k, v in (legends or {}).items()}
    custodians = {str(k): v for k, v in (custodians or {}).items()}
    items: list[dict[str, Any]] = []
    for d in docs:
        legend_raw = legends.get(str(d.pk))
        items.append(
            {
                "document": d,
                "legend": clean_legend(
                    default_legend(d) if legend_raw is None else legend_raw, title=d.title
                ),
                "custodian": clean_text(
                    custodians.get(str(d.pk), ""),
                    field="custodians",
                    label=f"The custodian of {d.title}",
                    limit=CUSTODIAN_LIMIT,
                    required=False,
                ),
            }
        )
    if start is not None:
        try:
            start = int(start)
        except (TypeError, ValueError) as exc:
            raise ServiceError("The start must be a whole number.", field="start") from exc
        if start < 1:
            raise ServiceError("Bates numbers start at 1 or later.", field="start")
        if start >= 10**digits:
            raise ServiceError(
                f"{start:,} does not fit in {digits} digits; choose more digits.", field="start"
            )
    counts = _known_page_counts(docs)
    with transaction.atomic():
        lock_matter(matter)
        check_prefix_case(matter, prefix)
        busy = Production.objects.filter(matter=matter, prefix=prefix, status__in=PENDING).first()
        if busy is not None:
            raise ServiceError(
                f"Production {busy.volume} under {prefix} is still being built: wait until it "
                f"is done (or has failed) before starting the next one under {prefix}.",
                field="prefix",
            )
        tail = chain_tail(matter, prefix, lock=True)
        chosen = False
        if tail is not None:
            if digits != tail.digits:
                raise ServiceError(
                    f"{prefix} numbers in this matter have {tail.digits} digits "
                    f"({tail.end_label} is the last); keep {tail.digits} so every label has "
                    "the same width, or use a new prefix.",
                    field="digits",
                )
            following = tail.end + 1
            if start is not None and start != following:
                raise ServiceError(
                    f"{prefix} continues at {prefix}{following:0{digits}d} in this matter; a "
                    "different start is allowed only for the first production under a prefix "
                    "(numbers never skip or overlap).",
                    field="start",
                )
            first = following
        else:
            first = start if start is not None else 1
            chosen = start is not None and start != 1
        name = clean_volume(volume) if volume else default_volume(matter, prefix)
        if Production.objects.filter(matter=matter, volume=name).exists():
            raise ServiceError(
                f"This matter already has a volume named {name}; choose another name.",
                field="volume",
            )
        production = Production.objects.create(
            matter=matter,
            prefix=prefix,
            digits=digits,
            start=first,
            start_chosen=chosen,
            position=position,
            font=font,
            size=points,
            volume=name,
            combined=bool(combined),
            created_by=by,
            message="Waiting for the worker.",
        )
        ProductionItem.objects.bulk_create(
            [
                ProductionItem(
                    production=production,
                    document=item["document"],
                    version=item["document"].current_version,
                    position=number,
                    title=item["document"].title[:300],
                    filename=item["document"].current_version.filename[:255],
                    legend=item["legend"],
                    custodian=item["custodian"],
                    native=is_native(item["document"].current_version.kind),
                )
                for number, item in enumerate(items, start=1)
            ]
        )
        reserved = ""
        if counts is not None:
            ranges = reserve_ranges(production, counts)
            reserved = f" ({ranges[0].begin_label}-{ranges[-1].end_label})"
        audit_record(
            actor=by,
            action="production.create",
            object_type="production",
            object_id=production.pk,
            matter_id=matter.pk,
            summary=(
                f"Created production {name} of {len(docs)} document"
                f"{'s' if len(docs) != 1 else ''} under {prefix}{reserved}"
            ),
            data={
                "volume": name,
                "prefix": prefix,
                "start": production.start,
                "start_chosen": production.start_chosen,
                "documents": [d.pk for d in docs],
            },
        )
        if enqueue:
            _enqueue(production)
    return production


def _enqueue(production: Production) -> None:
    from casedesk.web.productions.tasks import production_build

    pk = production.pk
    transaction.on_commit(lambda: production_build.enqueue(pk))


def production_retry(*, by: Any, production: Production, enqueue: bool = True) -> Production:
    """Queue a failed production again (its numbers are reserved anew at the chain's tail)."""
    _check_matter(by, production.matter)
    with transaction.atomic():
        lock_matter(production.matter)
        production = Production.objects.select_for_update().get(pk=production.pk)
        if production.status != JobStatus.FAILED:
            raise ServiceError("Only a failed production can be built again.")
        busy = (
            Production.objects.filter(
                matter=production.matter, prefix=production.prefix, status__in=PENDING
            )
            .exclude(pk=production.pk)
            .first()
        )
        if busy is not None:
            raise ServiceError(
                f"Production {busy.volume} under {production.prefix} is still being built: "
                "wait until it is done."
            )
        release_ranges(production)  # a failed build released them already; never kept twice
        tail = chain_tail(production.matter, production.prefix)
        if tail is not None:
            production.start, production.start_chosen = tail.end + 1, False
        production.status = JobStatus.QUEUED
        production.progress = 0
        production.message = "Queued again; waiting for the worker."
        production.finished_at = None
        production.save(
            update_fields=["start", "start_chosen", "status", "progress", "message", "finished_at"]
        )
        audit_record(
            actor=by,
            action="production.retry",
            object_type="production",
            object_id=production.pk,
            matter_id=production.matter_id,
            summary=f"Queued production {production.volume} to be built again",
        )
        if enqueue:
            _enqueue(production)
    return production


def production_delete(*, by: Any, production: Production) -> None:
    """Delete a production: a failed one, or the latest one under its prefix (its numbers
    are then free again). Documents' Bates fields it set are cleared; originals stay."""
    _check_matter(by, production.matter)
    with transaction.atomic():
        lock_matter(production.matter)
        production = Production.objects.select_for_update().get(pk=production.pk)
        if production.pending:
            raise ServiceError(
                f"Production {production.volume} is still being built; wait until it is done."
            )
        ranges = list(BatesRange.objects.filter(item__production=production).order_by("-end")[:1])
        if ranges and is_followed(ranges[0]):
            raise ServiceError(
                f"Only the latest production under {production.prefix} can be deleted: a later "
                f"production continues after {production.volume}'s numbers, and numbers must "
                "never skip."
            )
        labels = {
            (item.document_id, item.range.begin_label, item.range.end_label)
            for item in production.items.select_related("range").filter(range__isnull=False)
        }
        released = release_ranges(production)
        for document_id, begin, end in labels:
            Document.objects.filter(pk=document_id, bates_start=begin, bates_end=end).update(
                bates_start="", bates_end="", updated_at=timezone.now()
            )
        volume, matter_id, pk = production.volume, production.matter_id, production.pk
        production.delete()
        audit_record(
            actor=by,
            action="production.delete",
            object_type="production",
            object_id=pk,
            matter_id=matter_id,
            summary=f"Deleted production {volume}; {released} document ranges released",
            data={"volume": volume, "released": released},
        )
