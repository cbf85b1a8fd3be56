"""The report as PDF: HTML parts laid out by WeasyPrint, merged, bookmarked and numbered.

WeasyPrint is slow on long lists. Measured on this project's 2-core machine (CPU time, one
process): a table row of two cells costs 3.5–7.5 ms, a paragraph a row 1.5–6 ms (a fact
wraps over several lines), and one long document grows slower per row as it grows; a plain
table of the 7,000 rows of a 2,000-fact, 5,000-document report takes 40 s. So:

- the long lists (facts, the case file index) are set as preformatted lines, broken to the
  column by :mod:`casedesk.core.reports.textfit` and aligned with a tab (about half the cost
  of a paragraph a row; see ``render.py`` of the web app and ``report_pdf.css``);
- a long report is cut into parts (:func:`plan_parts`) at the boundaries of its groups — a
  year of the chronology, a category of the case file — and each part is laid out on its
  own, in several processes when there are cores to spare (:func:`render_pdf`); the parts'
  pages are put together with pikepdf. Every part starts on a new page, which is why the
  cuts fall where a new year or category begins. "Page N of M" is stamped on the merged pages
  (a part cannot know M) and the sections' bookmarks are carried over.

That report now takes 17–20 s of CPU and 9–10 s on two cores (bench/reports). A report
small enough for one part is laid out in this process, in one go.
"""

from __future__ import annotations

import io
import multiprocessing
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

import pikepdf

from casedesk.core.pdf.stamp import PageStamper, StampStyle

# Cost of one row of each long section, in "row units" (a fact wraps; a document does not).
ROW_COST: dict[str, float] = {"chronology": 2.0, "documents": 1.0}
PART_BUDGET = 1_200.0  # row units per part: ~600 facts or ~1,200 documents
SINGLE_PART_LIMIT = 1_500.0  # below this, the whole report is one part (no forced breaks)
NUMBER_STYLE = StampStyle(
    font="Helvetica", size=8.0, position="bottom-center", margin=26.0, backing=False
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A section in a part: the whole section (``start == stop == 0`` and not a table), or
    the rows ``start:stop`` of a long section; ``continued`` when the section began in an
    earlier part."""

    section: str
    start: int = 0
    stop: int = 0
    continued: bool = False


@dataclass(frozen=True, slots=True)
class PartPlan:
    """One part of the report: laid out on its own, starting on a new page."""

    pieces: tuple[Piece, ...]
    cover: bool = False


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    data: bytes
    pages: int
    parts: int
    bookmarks: tuple[tuple[str, int], ...] = field(default=())
    layout_cpu_seconds: float = 0.0  # CPU time of laying out the parts, in every process


def plan_parts(
    sections: Sequence[str],
    groups: Mapping[str, Sequence[str]],
    *,
    budget: float = PART_BUDGET,
    single_limit: float = SINGLE_PART_LIMIT,
) -> list[PartPlan]:
    """Cut the report into parts. ``groups[section]`` is the group key of each row of a long
    section (facts' years, documents' categories); other sections are small and never cut.

    A part closes before a group that does not fit in what is left of its budget, once the
    part is at least half full; a group larger than a part is cut inside.
    """
    cost = {s: ROW_COST.get(s, 1.0) * len(groups.get(s, ())) for s in sections}
    if sum(cost.values()) <= single_limit:
        return [
            PartPlan(
                pieces=tuple(
                    Piece(s, 0, len(groups[s])) if s in groups else Piece(s) for s in sections
                ),
                cover=True,
            )
        ]
    parts: list[PartPlan] = []
    pieces: list[Piece] = []
    used = 0.0

    def close() -> None:
        nonlocal pieces, used
        if pieces:
            parts.append(PartPlan(pieces=tuple(pieces), cover=not parts))
        pieces, used = [], 0.0

    for section in sections:
        keys = groups.get(section)
        if keys is None:
            pieces.append(Piece(section))
            used += 5.0
            continue
        unit = ROW_COST.get(section, 1.0)
        n = len(keys)
        if n == 0:
            pieces.append(Piece(section, 0, 0))
            continue
        at = 0
        while at < n:
            end = at
            while end < n and keys[end] == keys[at]:
                end += 1
            take = end  # the whole group from ``at``
            room = max(0.0, budget - used)
            if (take - at) * unit > room:
                if used >= budget / 2:
                    close()
                    room = budget
                if (take - at) * unit > room:
                    take = at + max(1, int(room // unit))
            pieces.append(Piece(section, at, take, continued=at > 0))
            used += (take - at) * unit
            at = take
            if used >= budget:
                close()
    close()
    return [_joined(part) for part in parts]


def _joined(part: PartPlan) -> PartPlan:
    """The part with consecutive pieces of one section made one piece."""
    pieces: list[Piece] = []
    for piece in part.pieces:
        last = pieces[-1] if pieces else None
        if last is not None and last.section == piece.section and last.stop == piece.start != 0:
            pieces[-1] = Piece(last.section, last.start, piece.stop, last.continued)
        else:
            pieces.append(piece)
    return PartPlan(pieces=tuple(pieces), cover=part.cover)


Part = tuple[bytes, int, list[tuple[str, int]], float]


def _render_part(html: str, base_url: str | None) -> Part:
    """Lay out one part (in this process or a worker): its PDF, pages, top bookmarks and the
    CPU seconds it took."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    started = time.process_time()
    document = HTML(string=html, base_url=base_url).render()
    marks = [(str(mark[0]), int(mark[1][0])) for mark in document.make_bookmark_tree()]
    data = bytes(document.write_pdf())
    return data, len(document.pages), marks, time.process_time() - started


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["casedesk.core.reports.pdf", "weasyprint"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def render_pdf(
    parts: Sequence[str],
    *,
    base_url: str | None = None,
    workers: int = 1,
    title: str = "",
    author: str = "",
    subject: str = "",
    page_numbers: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> RenderedPdf:
    """Lay out the HTML ``parts`` (each starts on a new page) and put them together.

    With ``workers`` > 1 and several parts, the parts are laid out in that many processes.
    Pages are numbered "Page N of M" at the bottom centre; each part's top-level bookmarks
    (its ``h1``/``h2`` headings) become the PDF's outline. ``progress(done, total)`` is
    called as parts are laid out.
    """
    if not parts:
        raise ValueError("A report needs at least one part.")
    total_parts = len(parts)
    results: list[Part] = []
    if workers > 1 and total_parts > 1:
        with _pool(min(workers, total_parts)) as pool:
            futures = [pool.submit(_render_part, html, base_url) for html in parts]
            for done, _ in enumerate(as_completed(futures), start=1):
                if progress:
                    progress(done, total_parts)
            results = [future.result() for future in futures]
    else:
        for done, html in enumerate(parts, start=1):
            results.append(_render_part(html, base_url))
            if progress:
                progress(done, total_parts)
    out = pikepdf.new()
    bookmarks: list[tuple[str, int]] = []
    opened: list[pikepdf.Pdf] = []
    try:
        for data, _pages, marks, _cpu in results:
            offset = len(out.pages)
            part = pikepdf.open(io.BytesIO(data))
            opened.append(part)
            out.pages.extend(part.pages)
            bookmarks.extend((label, offset + page) for label, page in marks)
        total = len(out.pages)
        if page_numbers:
            stamper = PageStamper(out, NUMBER_STYLE)
            for number, page in enumerate(out.pages, start=1):
                stamper.stamp(page, f"Page {number} of {total}")
        with out.open_outline() as outline:
            outline.root.extend(
                pikepdf.OutlineItem(label, page) for label, page in bookmarks if label.strip()
            )
        info = {"/Title": title, "/Author": author, "/Subject": subject, "/Creator": "casedesk"}
        for key, value in info.items():
            if value:
                out.docinfo[key] = value
        buffer = io.BytesIO()
        out.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    finally:
        for part in opened:
            part.close()
        out.close()
    return RenderedPdf(
        data=buffer.getvalue(),
        pages=total,
        parts=len(parts),
        bookmarks=tuple(bookmarks),
        layout_cpu_seconds=sum(result[3] for result in results),
    )
