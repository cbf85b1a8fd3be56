"""``casedesk files add|search|trash|purge`` and ``casedesk reindex``: the document store from
the shell.

The commands act as ``CASEDESK_USER`` (or the first administrator) and call the same services
as the web pages, so walls, legal holds, permissions and the audit log apply.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from casedesk.cli.search_output import plain_snippet, print_hits

console = Console()
err = Console(stderr=True)

app = typer.Typer(
    help="Documents: file them to a matter, search inside them, trash and purge.",
    no_args_is_help=True,
)


def _matter(by: object, number: str) -> object:
    from casedesk.web.access import visible_matters

    matter = visible_matters(by).filter(number=number).first()
    if matter is None:
        err.print(f"No matter {number!r} that this user may see.")
        raise typer.Exit(1)
    return matter


def _walk(paths: list[Path]) -> list[tuple[Path, str]]:
    """Each file to file, with the name to keep (a folder's files keep their relative path)."""
    out: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                out.append((child, f"{path.name}/{child.relative_to(path).as_posix()}"))
        else:
            out.append((path, path.name))
    return out


@app.command("add")
def add(
    paths: list[Path] = typer.Argument(..., exists=True, help="Files, folders or ZIP files."),
    matter: str = typer.Option(..., "--matter", help="The matter number to file them to."),
    category: str | None = typer.Option(
        None, "--category", help="Category slug (pleadings, discovery, correspondence, ...)."
    ),
    tags: list[str] = typer.Option([], "--tag", help="A tag for every file (repeatable)."),
    background: bool = typer.Option(
        False, "--background", help="Leave text reading and OCR to `casedesk worker`."
    ),
) -> None:
    """File documents to a matter and print each stored document's id, one per line.

    Folders are filed with their sub-folders; ZIP files are expanded safely. The text of each
    file is read (OCR for scans) before the command ends, unless --background is given.

    Examples:
      casedesk files add --matter 2027-0042 complaint.pdf exhibits.zip
      casedesk files add --matter 2027-0042 --category discovery "Production 1/"
    """
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        documents_upload,
    )
    from casedesk.web.documents.models import Category
    from casedesk.web.errors import ServiceError

    by = system_user()
    target = _matter(by, matter)
    cat = None
    if category:
        cat = Category.objects.filter(slug=category).first()
        if cat is None:
            slugs = ", ".join(Category.objects.values_list("slug", flat=True))
            err.print(f"Unknown category {category!r}; choose one of: {slugs}.")
            raise typer.Exit(1)
    files = [IncomingFile(path=p, name=name) for p, name in _walk(paths)]
    try:
        result = documents_upload(
            by=by,
            matter=target,  # type: ignore[arg-type]
            files=files,
            details=DocumentDetails(category=cat, tags=tuple(tags)),
        )
    except ServiceError as exc:
        err.print(exc.message)
        raise typer.Exit(1) from exc
    for document in result.documents:
        typer.echo(document.pk)
    for name, reason in result.rejected:
        err.print(f"Not filed: {name}: {reason}")
    for note in result.notes:
        err.print(f"Note: {note}")
    if result.documents and not background:
        _read_now([d.current_version_id for d in result.documents])
    err.print(f"Filed {len(result.documents)} document(s); {len(result.rejected)} not filed.")
    if result.rejected and not result.documents:
        raise typer.Exit(1)


def _read_now(version_ids: list[int]) -> None:
    from casedesk.web.documents.extraction import version_extract
    from casedesk.web.documents.indexing import index_documents
    from casedesk.web.documents.models import DocumentVersion

    with Progress(
        TextColumn("Reading text"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
    ) as bar:
        job = bar.add_task("read", total=len(version_ids))
        for version_id in version_ids:
            version_extract(version_id, index=False)
            bar.advance(job)
    doc_ids = DocumentVersion.objects.filter(pk__in=version_ids).values_list(
        "document_id", flat=True
    )
    index_documents(list(doc_ids))
    for version in DocumentVersion.objects.filter(pk__in=version_ids).exclude(text_status="done"):
        err.print(
            f"{version.filename}: {version.get_text_status_display()}. {version.text_message}"
        )


@app.command("search")
def search(
    query: str = typer.Argument(..., help='Words, "phrases", AND, OR, NOT.'),
    matter: str | None = typer.Option(None, "--matter", help="Only this matter."),
    limit: int = typer.Option(20, "--limit", min=1, max=100, help="How many hits."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON for other programs."),
) -> None:
    """Search inside every document this user may see.

    JSON: {"total": N, "hits": [{"id", "matter", "title", "score", "snippet"}]}

    Examples:
      casedesk files search '"summary judgment" AND deposition'
      casedesk files search negligence --matter 2027-0042 --json
    """
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.documents.selectors import document_search
    from casedesk.web.errors import ServiceError

    by = system_user()
    target = _matter(by, matter) if matter else None
    try:
        page = document_search(by, query, matter=target, limit=limit)  # type: ignore[arg-type]
    except ServiceError as exc:
        err.print(exc.message)
        raise typer.Exit(1) from exc
    hits = [
        {
            "id": hit.document.pk,
            "matter": hit.document.matter.number,
            "title": hit.document.title,
            "score": round(hit.score, 4),
            "snippet": plain_snippet(hit.snippet_html),
        }
        for hit in page.hits
    ]
    print_hits(
        page.total,
        hits,
        json_out=json_out,
        title=f"{page.total} document(s) found",
        columns=[
            ("Id", lambda r: str(r["id"])),
            ("Matter", lambda r: str(r["matter"])),
            ("Title", lambda r: str(r["title"])),
            ("Score", lambda r: f"{r['score']:.2f}"),
            ("Snippet", lambda r: str(r["snippet"])),
        ],
        console=console,
    )


@app.command("trash")
def trash(ids: list[int] = typer.Argument(..., help="Document ids.")) -> None:
    """Move documents to the trash (refused for documents under a legal hold)."""
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.access import visible_documents
    from casedesk.web.documents.retention_services import document_trash
    from casedesk.web.errors import ServiceError

    by = system_user()
    failed = False
    for doc_id in ids:
        document = visible_documents(by).filter(pk=doc_id).first()
        if document is None:
            err.print(f"{doc_id}: no such document (or it is already in the trash).")
            failed = True
            continue
        try:
            document_trash(by=by, document=document)
            console.print(f"{doc_id}: moved to the trash.")
        except ServiceError as exc:
            err.print(f"{doc_id}: {exc.message}")
            failed = True
    if failed:
        raise typer.Exit(1)


@app.command("purge")
def purge(
    older_than: int | None = typer.Option(
        None, "--older-than", min=0, help="Days in the trash (default CASEDESK_TRASH_DAYS)."
    ),
) -> None:
    """Delete for good the documents in the trash longer than the retention period.

    Documents under a legal hold are kept and listed. Needs an administrator.
    """
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.documents.retention_services import trash_purge
    from casedesk.web.errors import ServiceError

    try:
        result = trash_purge(by=system_user(), older_than_days=older_than)
    except ServiceError as exc:
        err.print(exc.message)
        raise typer.Exit(1) from exc
    for title in result.held:
        err.print(f"Kept (legal hold): {title}")
    console.print(
        f"Purged {len(result.purged)} document(s); kept {len(result.held)} under a legal hold; "
        f"removed {result.blobs_removed} stored file(s)."
    )


def register(root: typer.Typer) -> None:
    """Add ``files`` and ``reindex`` to the main command."""
    root.add_typer(app, name="files")

    @root.command("reindex")
    def reindex() -> None:
        """Rebuild the full-text search index of documents from the database.

        Safe to run at any time; searches see the new index when it is done.
        """
        from casedesk.cli.bootstrap import django_ready

        django_ready()
        from casedesk.web.documents.indexing import reindex_all

        with Progress(
            TextColumn("Indexing"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
        ) as bar:
            job = bar.add_task("index", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(job, completed=done, total=total)

            count = reindex_all(progress)
        console.print(f"Indexed {count} document(s).")
