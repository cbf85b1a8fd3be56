"""Importing opinions into the library: a resumable background job.

:func:`import_start` makes an :class:`ImportJob` (uploads are copied under
``DATA_DIR/imports/<job>/`` first, so a job survives a restart) and queues the task;
:func:`import_run` is the task's body (also run in-process by ``casedesk research import``).
Records are read with ``core.caselaw.formats.read_records`` from the job's resume point and
written in batches of :data:`BATCH`, one transaction each: the opinions, their own citations,
every case citation found in their text (the citation graph, resolved to library opinions
where one has that citation), the cited-by counts, and the job's resume point. The batch is
then indexed for search. A crash loses at most the batch being written; resuming skips what
is already in the library (the same record id), so importing a file twice adds nothing.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from casedesk.core.extract.filenames import clean_filename
from casedesk.web.access import require_writer
from casedesk.web.audit.services import audit_record
from casedesk.web.errors import ServiceError
from casedesk.web.research.models import (
    REJECTED_KEPT,
    CitationRef,
    ImportJob,
    JobStatus,
    Opinion,
    OpinionCitation,
    unresolved_short_q,
)

log = logging.getLogger("casedesk.research")

BATCH = 200
FORMATS = ("auto", "jsonl", "courtlistener", "cap", "files")
CASE_KINDS = ("full", "short", "id", "supra", "reference")
SUFFIXES = (".jsonl", ".ndjson", ".json", ".pdf", ".docx", ".txt")
Progress = Callable[[ImportJob], None]


@dataclass(frozen=True)
class ImportFile:
    """A file to import: where it is now, and the name to show."""

    path: Path
    name: str


def imports_dir() -> Path:
    """Where uploaded import files are kept until their job is done (``DATA_DIR/imports``)."""
    return Path(settings.DATA_DIR) / "imports"


def import_start(
    *,
    by: Any,
    files: Sequence[ImportFile | Path],
    fmt: str = "auto",
    copy: bool = True,
    enqueue: bool = True,
) -> ImportJob:
    """Queue an import of ``files`` (copied into the job's folder unless ``copy`` is False)."""
    require_writer(by)
    if fmt not in FORMATS:
        raise ServiceError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    items = [f if isinstance(f, ImportFile) else ImportFile(Path(f), Path(f).name) for f in files]
    if not items:
        raise ServiceError("Choose at least one file to import.", field="files")
    for item in items:
        if not item.path.exists() or (copy and not item.path.is_file()):
            raise ServiceError(f"{item.name}: no such file.", field="files")
        if item.path.is_file() and Path(item.name).suffix.lower() not in SUFFIXES:
            raise ServiceError(
                f"{item.name}: casedesk imports JSONL, JSON, PDF, Word (.docx) and text files; "
                "upload the files themselves (not a ZIP).",
                field="files",
            )
    with transaction.atomic():
        job = ImportJob.objects.create(format=fmt, created_by=by)
        folder = imports_dir() / str(job.pk)
        stored: list[dict[str, str]] = []
        if copy:
            folder.mkdir(parents=True, exist_ok=True)
            job.folder = str(folder)
        for number, item in enumerate(items, start=1):
            name = clean_filename(item.name) or f"file-{number}"
            path = item.path.resolve()
            if copy:
                path = folder / f"{number:03d}-{name}"
                shutil.copyfile(item.path, path)
            stored.append({"name": name, "path": str(path)})
        job.files = stored
        job.save(update_fields=["files", "folder"])
        audit_record(
            actor=by,
            action="research.import_start",
            summary=f"Started importing opinions from {job.file_names}",
            object_type="import_job",
            object_id=job.pk,
            data={"files": [f["name"] for f in stored], "format": fmt},
        )
        if enqueue:
            _enqueue(job)
    return job


def _enqueue(job: ImportJob) -> None:
    from casedesk.web.research.tasks import research_import

    transaction.on_commit(lambda: research_import.enqueue(job.pk))


def import_resume(*, by: Any, job: ImportJob, enqueue: bool = True) -> ImportJob:
    """Queue a failed or cancelled job again: it continues where it stopped."""
    require_writer(by)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not job.resumable:
            raise ServiceError("Only a failed or cancelled import can be resumed.")
        job.status = JobStatus.QUEUED
        job.message = "Resumed; waiting for the worker."
        job.finished_at = None
        job.save(update_fields=["status", "message", "finished_at"])
        if enqueue:
            _enqueue(job)
    return job


def import_cancel(*, by: Any, job: ImportJob) -> ImportJob:
    """Stop a queued or running job after the batch being written (it can be resumed)."""
    require_writer(by)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not job.pending:
            raise ServiceError("This import is not running.")
        job.status = JobStatus.CANCELLED
        job.message = "Cancelled; what was imported stays. Resume to continue."
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at"])
    return job


# --- the task ------------------------------------------------------------------------------------


def _record_total(path: Path, fmt: str) -> int | None:
    """Lines in a JSONL file (for progress), counted without reading it into memory."""
    if fmt not in ("auto", "jsonl") or path.suffix.lower() not in (".jsonl", ".ndjson"):
        return None
    count = 0
    last = b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (0 if last == b"\n" else 1)


def _percent(job: ImportJob, total: int | None) -> int:
    files = max(1, len(job.files))
    within = min(1.0, job.position / total) if total else 0.0
    return min(99, int(100 * (job.file_index + within) / files))


def _still_wanted(job: ImportJob) -> bool:
    status = ImportJob.objects.filter(pk=job.pk).values_list("status", flat=True).first()
    return status == JobStatus.RUNNING


def import_run(job_id: int, *, progress: Progress | None = None) -> ImportJob:
    """Run (or continue) an import job; returns it finished, failed or cancelled."""
    from casedesk.web.research.indexing import index_pending

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
            return job
        job.status = JobStatus.RUNNING
        job.started_at = job.started_at or timezone.now()
        job.message = ""
        job.save(update_fields=["status", "started_at", "message"])
    try:
        finished = _run_files(job, progress)
    except Exception as exc:  # the job stays resumable; the reason is shown on its row
        log.exception("import job %s failed", job.pk)
        job.refresh_from_db()
        _finish(job, JobStatus.FAILED, f"The import stopped: {exc}. Resume it to continue.")
        return job
    if not finished:
        job.refresh_from_db()
        return job
    try:
        index_pending()
    except Exception:  # the library is complete; the index catches up on the next import
        log.exception("indexing after import job %s failed", job.pk)
    job.progress = 100
    _finish(job, JobStatus.DONE, _summary(job))
    if job.folder:
        shutil.rmtree(job.folder, ignore_errors=True)
    if progress:
        progress(job)
    return job


def _summary(job: ImportJob) -> str:
    opinions = "opinion" if job.added == 1 else "opinions"
    return (
        f"Added {job.added} {opinions}; {job.skipped} already in the library; "
        f"{job.rejected_count} rejected."
    )


def _finish(job: ImportJob, status: str, message: str) -> None:
    with transaction.atomic():
        job.status = status
        job.message = message[:1000]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at", "progress"])
        audit_record(
            actor=job.created_by,
            action="research.import_finish",
            summary=f"Import {job.pk} {status}: {message}"[:500],
            object_type="import_job",
            object_id=job.pk,
            data={
                "status": status,
                "processed": job.processed,
                "added": job.added,
                "skipped": job.skipped,
                "rejected": job.rejected_count,
            },
        )


def _run_files(job: ImportJob, progress: Progress | None) -> bool:
    """Read every file from the resume point; False when the job was cancelled meanwhile."""
    from casedesk.core.caselaw.formats import read_records

    while job.file_index < len(job.files):
        entry = job.files[job.file_index]
        path, name = Path(entry["path"]), entry["name"]
        prefix = f"{name}: " if len(job.files) > 1 else ""
        if not path.exists():
            raise ServiceError(f"the file {name} is no longer on the server")
        total = _record_total(path, job.format)
        batch: list[Any] = []
        yielded = False
        try:
            for item in read_records(path, job.format, start=job.position):
                yielded = True
                # A batch ends between positions: one JSON item can hold several opinions.
                if len(batch) >= BATCH and item.position != batch[-1].position:
                    _commit(job, batch, prefix, total)
                    batch = []
                    if progress:
                        progress(job)
                    if not _still_wanted(job):
                        return False
                batch.append(item)
        except ValueError as exc:  # the whole file cannot be read (format not recognised)
            if yielded or batch:
                raise
            batch.append(_FileRejected(f"file {name}", str(exc)))
        _commit(job, batch, prefix, total, next_file=True)
        if progress:
            progress(job)
        if job.file_index < len(job.files) and not _still_wanted(job):
            return False
    return True


@dataclass(frozen=True)
class _FileRejected:
    where: str
    reason: str
    position: int = 0


def _is_rejected(item: Any) -> bool:
    return hasattr(item, "reason") and not hasattr(item, "text")


def _commit(
    job: ImportJob,
    items: list[Any],
    prefix: str,
    total: int | None,
    *,
    next_file: bool = False,
) -> None:
    """Write one batch and the job's resume point in one transaction, then index it."""
    from casedesk.web.research.indexing import index_opinions

    rejected = [i for i in items if _is_rejected(i)]
    records = [i for i in items if not _is_rejected(i)]
    known = set(
        Opinion.objects.filter(source_id__in=[r.id for r in records]).values_list(
            "source_id", flat=True
        )
    )
    # Citations are found before the transaction (the slow part), for new records only.
    prepared = _prepare(r for r in records if r.id not in known)
    with transaction.atomic():
        existing = set(
            Opinion.objects.filter(source_id__in=[r.id for r, _ in prepared]).values_list(
                "source_id", flat=True
            )
        )
        fresh: list[tuple[Any, list[Any]]] = []
        for record, found in prepared:
            if record.id in existing:
                continue
            existing.add(record.id)
            fresh.append((record, found))
        touched = _write_opinions(job, fresh)
        job.processed += len(items)
        job.added += len(fresh)
        job.skipped += len(records) - len(fresh)
        job.rejected_count += len(rejected)
        room = REJECTED_KEPT - len(job.rejected)
        job.rejected = list(job.rejected) + [
            {"where": f"{prefix}{r.where}", "reason": str(r.reason)} for r in rejected[:room]
        ]
        if next_file:
            job.file_index += 1
            job.position = 0
        elif items:
            job.position = int(getattr(items[-1], "position", job.position)) + 1
        job.progress = _percent(job, total) if not next_file else _percent(job, None)
        job.save(
            update_fields=[
                "processed",
                "added",
                "skipped",
                "rejected_count",
                "rejected",
                "file_index",
                "position",
                "progress",
            ]
        )
    if touched:
        try:
            index_opinions(touched)
        except Exception:  # left for index_pending at the end of the job
            log.exception("indexing a batch of import job %s failed", job.pk)


def _prepare(records: Iterable[Any]) -> list[tuple[Any, list[Any]]]:
    """Each record with the case citations found in its text (done outside the transaction)."""
    from casedesk.core.citations import extract_citations

    out = []
    for record in records:
        found = _resolve_short_forms(extract_citations(record.text))
        found = [c for c in found if c.normalized and c.kind in CASE_KINDS]
        out.append((record, found))
    return out


def _resolve_short_forms(found: Sequence[Any]) -> list[Any]:
    """A short form ("466 U.S., at 687") cites its antecedent's case: it takes the antecedent's
    normalised citation (its page stays the pin cite). One without a case antecedent keeps its
    own value, with ``antecedent`` None (it is not linked to a library opinion)."""
    by_index = {c.index: c for c in found}
    out = []
    for c in found:
        if c.kind == "short":
            ante = by_index.get(c.antecedent) if c.antecedent is not None else None
            if ante is not None and ante.normalized and ante.kind in CASE_KINDS:
                c = replace(c, normalized=ante.normalized)
            else:
                c = replace(c, antecedent=None)
        out.append(c)
    return out


def _target(c: Any, resolve: dict[str, int]) -> int | None:
    if c.kind == "short" and c.antecedent is None:
        return None
    return resolve.get(c.normalized[:200])


def _own_citations(record: Any) -> list[str]:
    from casedesk.core.citations import normalize_citation

    seen: dict[str, None] = {}
    for raw in record.citations:
        norm = normalize_citation(str(raw))
        if norm:
            seen.setdefault(norm[:200])
    return list(seen)


def _write_opinions(job: ImportJob, fresh: list[tuple[Any, list[Any]]]) -> list[int]:
    """Create the opinions, their citations and references; returns the pks to index."""
    if not fresh:
        return []
    opinions = Opinion.objects.bulk_create(
        [
            Opinion(
                source_id=record.id[:200],
                case_name=(record.case_name or "")[:1000],
                court=(record.court or "")[:200],
                jurisdiction=(record.jurisdiction or "")[:200],
                date_filed=record.date_filed,
                year=record.date_filed.year if record.date_filed else None,
                text=record.text,
                own_citations=list(record.citations),
                imported_by=job.created_by,
                job=job,
            )
            for record, _ in fresh
        ]
    )
    if any(o.pk is None for o in opinions):  # a backend that does not return keys
        by_id = dict(
            Opinion.objects.filter(source_id__in=[o.source_id for o in opinions]).values_list(
                "source_id", "pk"
            )
        )
        for o in opinions:
            o.pk = by_id[o.source_id]
    own_rows = [
        OpinionCitation(opinion_id=o.pk, normalized=norm)
        for o, (record, _) in zip(opinions, fresh, strict=True)
        for norm in _own_citations(record)
    ]
    OpinionCitation.objects.bulk_create(own_rows)
    new_norms = {row.normalized for row in own_rows}
    cited = {c.normalized[:200] for _, found in fresh for c in found}
    resolve = _targets(new_norms | cited)
    refs = [
        CitationRef(
            citing_id=o.pk,
            normalized=c.normalized[:200],
            target_id=_target(c, resolve),
            kind=c.kind[:12],
            text=(c.text or "")[:300],
            pin_cite=(c.pin_cite or "")[:100],
            sentence=c.sentence or "",
            position=c.index,
            start=max(0, c.start),
            end=max(0, c.end),
        )
        for o, (_, found) in zip(opinions, fresh, strict=True)
        for c in found
    ]
    CitationRef.objects.bulk_create(refs, batch_size=500)
    # Citations already in the library that the new opinions answer now link to them.
    for norm in new_norms:
        CitationRef.objects.filter(normalized=norm, target__isnull=True).exclude(
            unresolved_short_q()
        ).update(target_id=resolve[norm])
    targets = {r.target_id for r in refs if r.target_id} | {resolve[n] for n in new_norms}
    _recount(targets)
    new_ids = [o.pk for o in opinions]
    return new_ids + sorted(targets - set(new_ids))


def _targets(norms: set[str]) -> dict[str, int]:
    """Normalised citation → the library opinion that has it (the first imported, if several)."""
    out: dict[str, int] = {}
    if not norms:
        return out
    rows = OpinionCitation.objects.filter(normalized__in=list(norms)).order_by("opinion_id")
    for norm, opinion_id in rows.values_list("normalized", "opinion_id"):
        out.setdefault(norm, opinion_id)
    return out


def _recount(targets: set[int]) -> None:
    """Recompute how many distinct opinions cite each of ``targets`` (self-citations aside)."""
    if not targets:
        return
    counts = dict(
        CitationRef.objects.filter(target_id__in=targets)
        .exclude(citing_id=F("target_id"))
        .values("target_id")
        .annotate(n=Count("citing_id", distinct=True))
        .values_list("target_id", "n")
    )
    rows = list(Opinion.objects.filter(pk__in=targets).only("pk", "cited_by_count"))
    for row in rows:
        row.cited_by_count = counts.get(row.pk, 0)
        row.indexed_at = None
    Opinion.objects.bulk_update(rows, ["cited_by_count", "indexed_at"])
