"""Trial binders: one PDF from chosen documents, with an index, tab dividers and bookmarks.

A binder is laid out as

* the index page(s): the binder's title, then one row per document (tab, title and
  description, Bates range, binder page), each row a link to the document's tab;
* per document, a divider page ("TAB 3" large, the title, the description, the Bates range,
  a tab flap at the edge whose height steps down tab by tab) and then the document's pages;
* an outline (bookmarks): "Index", then one item per document pointing at its divider, with
  the document's own bookmarks nested under it;
* PDF page labels: the index "i, ii, …", a divider "Tab 3", the document's pages "3-1, 3-2…";
* optionally continuous binder page numbers ("Page 17 of 2,004") and Bates labels on the
  documents' pages (numbered continuously across the documents, in order).

Documents are copied page by page by qpdf, which reads their content from the source files
only while the binder is written: no page's content passes through Python, and nothing is
parsed, so 2,000 pages bind in seconds with memory that does not grow with the content.
Every document is opened (and refused with a sentence naming it when encrypted, empty,
damaged beyond repair or not a PDF) before anything is written.

The binder's own pages use the standard fonts, which show Latin letters only: a title in
Vietnamese or Arabic is transliterated on those pages (with a warning), while bookmarks and
page labels keep it exactly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pikepdf

from casedesk.core.pdf.bates import bates_label, plan_ranges, validate_digits, validate_prefix
from casedesk.core.pdf.draw import Canvas, Color, font_resources
from casedesk.core.pdf.fonts import text_width, to_winansi
from casedesk.core.pdf.inputs import check_destination, open_pdf, repair_warnings, save_pdf
from casedesk.core.pdf.stamp import PageStamper, StampStyle, shrink_warning

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN = 54.0
TOP = PAGE_H - 72.0
BOTTOM = 72.0
GREY: Color = (0.35, 0.35, 0.35)
RULE: Color = (0.75, 0.75, 0.75)
FLAP_FILL: Color = (0.9, 0.9, 0.9)
REGULAR, BOLD = "Helvetica", "Helvetica-Bold"
_MAX_OUTLINE_DEPTH = 8
_MAX_OUTLINE_ITEMS = 5_000

__all__ = [
    "BatesOptions",
    "BinderEntry",
    "BinderPart",
    "BinderResult",
    "build_binder",
    "roman",
    "wrap",
]


@dataclass(frozen=True)
class BinderPart:
    """One document of the binder: its PDF, the title shown, and optional index details.

    ``tab`` defaults to the document's position ("1", "2", …); ``bates`` is the range text
    shown in the index when the binder does not stamp its own Bates numbers.
    """

    path: Path
    title: str
    tab: str = ""
    description: str = ""
    bates: str = ""


@dataclass(frozen=True)
class BatesOptions:
    """Bates-stamp the documents' pages: prefix, first number, digits and look."""

    prefix: str
    first: int = 1
    digits: int = 6
    style: StampStyle = field(default_factory=StampStyle)


class BinderEntry(NamedTuple):
    """One document in the built binder.

    ``first_page`` is the binder page (1-based) where its tab starts (the divider, or its
    first page without dividers); ``page_count`` its own pages; ``bates`` its range text.
    """

    tab: str
    title: str
    first_page: int
    page_count: int
    bates: str


@dataclass(frozen=True)
class BinderResult:
    """What `build_binder` wrote: total pages, one entry per document, and warnings."""

    pages: int
    entries: list[BinderEntry]
    warnings: tuple[str, ...] = ()


def roman(n: int) -> str:
    """Lower-case roman numeral (1 → i, 4 → iv, 14 → xiv), as the index's page labels."""
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


# --- text layout -------------------------------------------------------------------------


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and text_width(font, size, current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """``text`` (already WinAnsi-safe) in lines no wider than ``width``; the last line of
    a text that needs more than ``max_lines`` ends with an ellipsis."""
    lines: list[str] = []
    for word in text.split():
        parts = (
            _break_word(word, font, size, width) if text_width(font, size, word) > width else [word]
        )
        for part in parts:
            if lines and text_width(font, size, f"{lines[-1]} {part}") <= width:
                lines[-1] = f"{lines[-1]} {part}"
            else:
                lines.append(part)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(font, size, last + "\u2026") > width:
        last = last[:-1].rstrip()
    kept[-1] = last + "\u2026"
    return kept


def _fit_size(text: str, font: str, size: float, width: float, smallest: float) -> float:
    while size > smallest and text_width(font, size, text) > width:
        size -= 0.5
    return size


# --- the index -----------------------------------------------------------------------------

TITLE_LEAD, DESC_LEAD, ROW_PAD = 13.0, 11.0, 5.0


@dataclass
class _Row:
    entry: int
    tab: str
    title: list[str]
    description: list[str]
    bates: list[str]
    page: int = 0

    @property
    def height(self) -> float:
        text = len(self.title) * TITLE_LEAD + len(self.description) * DESC_LEAD
        return 2 * ROW_PAD + max(text, len(self.bates) * DESC_LEAD + 2, TITLE_LEAD)


@dataclass(frozen=True)
class _Columns:
    tab_x: float = MARGIN
    doc_x: float = MARGIN + 46
    doc_w: float = 262.0
    bates_x: float = 372.0
    bates_w: float = 136.0
    page_right: float = PAGE_W - MARGIN
    show_bates: bool = True


def _columns(show_bates: bool) -> _Columns:
    if show_bates:
        return _Columns()
    return _Columns(doc_w=PAGE_W - 2 * MARGIN - 46 - 56, show_bates=False)


def _header_height(title: list[str], subtitle: list[str]) -> float:
    return len(title) * 24 + len(subtitle) * 15 + 18 + 16 + 18


def _paginate(rows: list[_Row], first_header: float) -> list[list[_Row]]:
    pages: list[list[_Row]] = [[]]
    room = TOP - first_header - BOTTOM
    for row in rows:
        if pages[-1] and row.height > room:
            pages.append([])
            room = TOP - 34 - BOTTOM
        pages[-1].append(row)
        room -= row.height
    return pages


def _table_header(canvas: Canvas, y: float, cols: _Columns) -> float:
    canvas.text(cols.tab_x, y, "TAB", BOLD, 8.5, color=GREY)
    canvas.text(cols.doc_x, y, "DOCUMENT", BOLD, 8.5, color=GREY)
    if cols.show_bates:
        canvas.text(cols.bates_x, y, "BATES", BOLD, 8.5, color=GREY)
    canvas.text(cols.page_right, y, "PAGE", BOLD, 8.5, color=GREY, align="right")
    canvas.line(MARGIN, y - 5, PAGE_W - MARGIN, y - 5, color=(0, 0, 0), width=0.8)
    return y - 5


def _draw_index_page(
    canvas: Canvas,
    rows: list[_Row],
    cols: _Columns,
    *,
    first: bool,
    title: list[str],
    subtitle: list[str],
) -> list[tuple[int, tuple[float, float, float, float]]]:
    """Draw one index page; returns (entry, link rectangle) per row."""
    y = TOP
    if first:
        for line in title:
            canvas.text(PAGE_W / 2, y, line, BOLD, 20, align="center")
            y -= 24
        for line in subtitle:
            canvas.text(PAGE_W / 2, y + 4, line, REGULAR, 12, align="center", color=GREY)
            y -= 15
        y -= 18
        canvas.text(MARGIN, y, "INDEX", BOLD, 12)
        y -= 16
    else:
        canvas.text(MARGIN, y, "INDEX (continued)", BOLD, 12)
        y -= 16
    y = _table_header(canvas, y - 2, cols)
    links = []
    for row in rows:
        top = y
        base = top - ROW_PAD - 10
        tab_size = _fit_size(row.tab, BOLD, 10.5, 42, 6)
        canvas.text(cols.tab_x, base, row.tab, BOLD, tab_size)
        line_y = base
        for line in row.title:
            canvas.text(cols.doc_x, line_y, line, BOLD, 10.5)
            line_y -= TITLE_LEAD
        for line in row.description:
            canvas.text(cols.doc_x, line_y + 1, line, REGULAR, 9, color=GREY)
            line_y -= DESC_LEAD
        bates_y = base
        for line in row.bates:
            canvas.text(cols.bates_x, bates_y, line, REGULAR, 9)
            bates_y -= DESC_LEAD
        canvas.text(cols.page_right, base, f"{row.page:,}", REGULAR, 10.5, align="right")
        y = top - row.height
        canvas.line(MARGIN, y, PAGE_W - MARGIN, y, color=RULE, width=0.5)
        links.append((row.entry, (MARGIN, y, PAGE_W - MARGIN, top)))
    return links


# --- dividers ------------------------------------------------------------------------------


def _draw_divider(
    canvas: Canvas, position: int, tab: str, title: str, description: str, bates: str,
    pages: int,
) -> None:  # fmt: skip
    flap_h, flap_w = 84.0, 64.0
    steps = int((TOP - BOTTOM) // flap_h)
    flap_top = TOP - (position % steps) * flap_h
    canvas.rect(PAGE_W - flap_w, flap_top - flap_h, flap_w + 1, flap_h,
                fill=FLAP_FILL, stroke=GREY, width=0.8)  # fmt: skip
    size = _fit_size(tab, BOLD, 18, flap_w - 12, 6)
    canvas.text(PAGE_W - flap_w / 2, flap_top - flap_h / 2 - size / 3, tab, BOLD, size,
                align="center")  # fmt: skip
    label = f"TAB {tab}"
    canvas.text(PAGE_W / 2, 560, label, BOLD, _fit_size(label, BOLD, 40, 432, 12),
                align="center")  # fmt: skip
    canvas.line(PAGE_W / 2 - 150, 540, PAGE_W / 2 + 150, 540, width=1.2)
    y = 505.0
    for line in wrap(title, BOLD, 20, 432, 5):
        canvas.text(PAGE_W / 2, y, line, BOLD, 20, align="center")
        y -= 25
    y -= 6
    for line in wrap(description, REGULAR, 12, 432, 8):
        canvas.text(PAGE_W / 2, y, line, REGULAR, 12, align="center", color=GREY)
        y -= 15
    y -= 10
    if bates:
        for line in wrap(f"Bates {bates}", REGULAR, 11, 432, 2):
            canvas.text(PAGE_W / 2, y, line, REGULAR, 11, align="center")
            y -= 14
    canvas.text(PAGE_W / 2, y - 4, f"{pages:,} page{'' if pages == 1 else 's'}", REGULAR, 10,
                align="center", color=GREY)  # fmt: skip


# --- bookmarks -----------------------------------------------------------------------------


def _named_destination(src: pikepdf.Pdf, name: pikepdf.Object) -> pikepdf.Object | None:
    key = str(name)
    names = src.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/Dests" in names:
        tree = pikepdf.NameTree(names.Dests)
        if key in tree:
            return tree[key]
    dests = src.Root.get("/Dests")
    if isinstance(dests, pikepdf.Dictionary):
        return dests.get("/" + key.lstrip("/"))
    return None


def _source_page(
    src: pikepdf.Pdf, item: pikepdf.OutlineItem, index: dict[tuple[int, int], int]
) -> int | None:
    """The source page index an outline item goes to, or None."""
    dest: object = item.destination
    action = item.action
    if dest is None and isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/GoTo":
        dest = action.get("/D")
    for _ in range(3):
        if isinstance(dest, pikepdf.Name | pikepdf.String):
            dest = _named_destination(src, dest)
        elif isinstance(dest, pikepdf.Dictionary) and "/D" in dest:
            dest = dest.D
        else:
            break
    if isinstance(dest, pikepdf.Array) and len(dest) > 0:
        target = dest[0]
        if isinstance(target, pikepdf.Dictionary) and target.is_indirect:
            return index.get(target.objgen)
        if isinstance(target, int):
            return int(target)
    return None


def _copy_outline(
    src: pikepdf.Pdf, first_page: int, fallback: int, budget: list[int]
) -> list[pikepdf.OutlineItem]:
    """The document's own bookmarks, pointing at its pages in the binder."""
    index = {page.obj.objgen: i for i, page in enumerate(src.pages)}

    def copy(items: Sequence[pikepdf.OutlineItem], depth: int) -> list[pikepdf.OutlineItem]:
        out = []
        for item in items:
            if budget[0] <= 0:
                break
            budget[0] -= 1
            page = _source_page(src, item, index)
            target = first_page + page if page is not None and page < len(index) else fallback
            new = pikepdf.OutlineItem(str(item.title or ""), target)
            if depth < _MAX_OUTLINE_DEPTH:
                new.children.extend(copy(item.children, depth + 1))
            out.append(new)
        return out

    with src.open_outline() as outline:
        return copy(outline.root, 1)


# --- the binder ----------------------------------------------------------------------------


def _safe(text: str, what: str, warnings: list[str], *, bookmarked: bool = False) -> str:
    """``text`` as the binder's own pages can show it, with a warning when it changed."""
    shown = to_winansi(" ".join(text.split()))
    if shown != " ".join(text.split()):
        note = (
            f"{what} is shown as {shown!r} on the binder's own pages (their fonts have Latin "
            "letters only)" + ("; the bookmarks keep it as written." if bookmarked else ".")
        )
        if note not in warnings:
            warnings.append(note)
    return shown


def _page_labels(
    index_pages: int, starts: list[tuple[str, int, int]], dividers: bool
) -> pikepdf.Dictionary:
    nums: list[object] = []
    if index_pages:
        nums += [0, pikepdf.Dictionary(S=pikepdf.Name.r)]
    for tab, divider, first in starts:
        if dividers:
            nums += [divider, pikepdf.Dictionary(P=pikepdf.String(f"Tab {tab}"))]
        nums += [first, pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String(f"{tab}-"), St=1)]
    return pikepdf.Dictionary(Nums=pikepdf.Array(nums))


class _PageTree:
    """Appends pages to a new PDF's page tree in constant time per page.

    pikepdf's ``pages.append``/``extend`` re-read the whole page list on every page, so n
    pages cost n²: 2,000 pages take a quarter of a second, 20,000 half a minute. Here the
    pages go straight into the root /Kids array and /Count is set by `close`; the PDF's
    ``pages`` must not be used until then.
    """

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.root = pdf.Root.Pages
        if len(self.root.Kids):
            raise ValueError("The page tree must start empty.")
        self.fonts: dict[str, pikepdf.Dictionary] = {}
        self.count = 0

    def _append(self, obj: pikepdf.Object) -> pikepdf.Page:
        obj.Parent = self.root
        self.root.Kids.append(obj)
        self.count += 1
        return pikepdf.Page(obj)

    def add_drawn(self, canvas: Canvas) -> pikepdf.Page:
        """Add a letter page drawn by ``canvas`` (fonts shared between such pages)."""
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=pikepdf.Array([0, 0, PAGE_W, PAGE_H]),
            Contents=self.pdf.make_stream(canvas.stream()),
            Resources=pikepdf.Dictionary(Font=font_resources(self.pdf, canvas.fonts, self.fonts)),
        )
        return self._append(self.pdf.make_indirect(page))

    def add_copy(self, page: pikepdf.Page) -> pikepdf.Page:
        """Add a copy of another PDF's page (its inherited attributes already pushed down,
        as pikepdf does when a PDF's ``pages`` are read). qpdf copies what the page refers
        to once per source PDF, so links between its pages keep pointing at the copies."""
        return self._append(self.pdf.copy_foreign(page.obj))

    def close(self) -> None:
        """Record the page count; the PDF's ``pages`` can be used from now on."""
        self.root.Count = self.count


def _add_link(
    pdf: pikepdf.Pdf, page: pikepdf.Page, rect: tuple[float, ...], target: pikepdf.Page
) -> None:
    """Make ``rect`` on ``page`` a link (no border) that opens ``target``."""
    link = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array(list(rect)),
            Border=pikepdf.Array([0, 0, 0]),
            Dest=pikepdf.Array([target.obj, pikepdf.Name.Fit]),
        )
    )
    annots = page.obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        page.obj.Annots = pikepdf.Array()
        annots = page.obj.Annots
    annots.append(link)


def _bates_plan(
    parts: Sequence[BinderPart], counts: list[int], bates: BatesOptions | None
) -> tuple[list[int], list[str], list[str]]:
    """First Bates number per part, the index's range text ("A1 – A9", empty without
    stamping) and the entries' range text ("A1-A9", or the part's own ``bates``)."""
    texts = [p.bates.strip() for p in parts]
    if bates is None:
        return [], [], texts
    firsts, shown = [], []
    for i, rng in enumerate(plan_ranges(bates.first, counts)):
        begin = bates_label(bates.prefix, rng.begin, bates.digits)
        end = bates_label(bates.prefix, rng.end, bates.digits)
        firsts.append(rng.begin)
        shown.append(f"{begin} \u2013 {end}" if rng.pages > 1 else begin)
        texts[i] = f"{begin}-{end}" if rng.pages > 1 else begin
    return firsts, shown, texts


def build_binder(
    parts: Sequence[BinderPart],
    dst: Path,
    *,
    title: str,
    subtitle: str = "",
    bates: BatesOptions | None = None,
    index: bool = True,
    dividers: bool = True,
    page_numbers: bool = True,
    name_for: Callable[[BinderPart], str] | None = None,
) -> BinderResult:
    """Bind ``parts`` in order into one PDF at ``dst`` (see the module notes for the layout).

    ``name_for`` gives the name messages use for a part (default: its file name). Raises
    `PdfInputError` naming an unusable part, and ValueError for bad options or a ``dst``
    that is one of the parts; both before anything is written. ``dst`` appears complete
    or not at all.
    """
    if not parts:
        raise ValueError("A binder needs at least one document.")
    if not title.strip():
        raise ValueError("A binder needs a title.")
    names = [name_for(p) if name_for else p.path.name for p in parts]
    for part, name in zip(parts, names, strict=True):
        check_destination(part.path, dst, name=name)
    if bates is not None:
        bates = BatesOptions(
            validate_prefix(bates.prefix), bates.first, validate_digits(bates.digits), bates.style
        )
    warnings: list[str] = []
    with contextlib.ExitStack() as stack:
        sources = []
        for part, name in zip(parts, names, strict=True):
            src = stack.enter_context(open_pdf(part.path, name=name))
            warnings.extend(repair_warnings(src, name))
            sources.append(src)
        counts = [len(src.pages) for src in sources]
        tabs = [p.tab.strip() or str(i) for i, p in enumerate(parts, start=1)]
        firsts, stamped, bates_text = _bates_plan(parts, counts, bates)

        shown_titles = [
            _safe(p.title, f"The title {p.title!r}", warnings, bookmarked=True) for p in parts
        ]
        shown_descs = [
            _safe(p.description, f"The description {p.description!r}", warnings) for p in parts
        ]
        shown_tabs = [_safe(t, f"Tab {t!r}", warnings) for t in tabs]
        shown_bates = stamped or [_safe(b, "A Bates range", warnings) for b in bates_text]
        cols = _columns(any(shown_bates))
        rows = [
            _Row(
                i,
                shown_tabs[i],
                wrap(shown_titles[i], BOLD, 10.5, cols.doc_w, 3),
                wrap(shown_descs[i], REGULAR, 9, cols.doc_w, 3),
                wrap(shown_bates[i], REGULAR, 9, cols.bates_w, 3) if cols.show_bates else [],
            )  # fmt: skip
            for i in range(len(parts))
        ]
        head_title = wrap(_safe(title, "The binder's title", warnings), BOLD, 20, 504, 3)
        head_sub = wrap(_safe(subtitle, "The subtitle", warnings), REGULAR, 12, 504, 2)
        layout = _paginate(rows, _header_height(head_title, head_sub)) if index else []
        index_pages = len(layout)
        total = index_pages + sum(counts) + (len(parts) if dividers else 0)

        entries: list[BinderEntry] = []
        starts: list[tuple[str, int, int]] = []
        at = index_pages
        for i, part in enumerate(parts):
            divider = at
            first = at + (1 if dividers else 0)
            starts.append((tabs[i], divider, first))
            entries.append(BinderEntry(tabs[i], part.title, divider + 1, counts[i], bates_text[i]))
            rows[i].page = divider + 1
            at = first + counts[i]

        out = stack.enter_context(pikepdf.new())
        tree = _PageTree(out)
        number_stamper = PageStamper(out, _number_style(bates)) if page_numbers else None
        bates_stamper = PageStamper(out, bates.style) if bates is not None else None

        def numbered(page: pikepdf.Page, number: int) -> None:
            if number_stamper is not None:
                number_stamper.stamp(page, f"Page {number:,} of {total:,}")

        links: list[tuple[pikepdf.Page, int, tuple[float, float, float, float]]] = []
        for n, page_rows in enumerate(layout):
            canvas = Canvas()
            drawn = _draw_index_page(
                canvas, page_rows, cols, first=n == 0, title=head_title, subtitle=head_sub
            )
            page = tree.add_drawn(canvas)
            numbered(page, n + 1)
            links.extend((page, entry, rect) for entry, rect in drawn)

        targets: list[pikepdf.Page] = []
        outline_items: list[pikepdf.OutlineItem] = []
        budget = [_MAX_OUTLINE_ITEMS]
        for i, src in enumerate(sources):
            tab, divider, first = starts[i]
            if dividers:
                canvas = Canvas()
                _draw_divider(canvas, i, shown_tabs[i], shown_titles[i], shown_descs[i],
                              shown_bates[i], counts[i])  # fmt: skip
                targets.append(tree.add_drawn(canvas))
                numbered(targets[-1], divider + 1)
            for offset, source_page in enumerate(src.pages):
                page = tree.add_copy(source_page)
                if offset == 0 and not dividers:
                    targets.append(page)
                if bates_stamper is not None and bates is not None:
                    label = bates_label(bates.prefix, firsts[i] + offset, bates.digits)
                    bates_stamper.stamp(page, label)
                numbered(page, first + offset + 1)
            item = pikepdf.OutlineItem(f"Tab {tab} \u2013 {parts[i].title}", divider)
            try:
                item.children.extend(_copy_outline(src, first, divider, budget))
            except (pikepdf.PdfError, RuntimeError, ValueError, KeyError, TypeError):
                warnings.append(f"The bookmarks inside {names[i]} could not be read; its tab "
                                "has a bookmark of its own.")  # fmt: skip
            outline_items.append(item)
        tree.close()

        for page, entry, rect in links:
            _add_link(out, page, rect, targets[entry])
        with out.open_outline() as outline:
            if index_pages:
                outline.root.append(pikepdf.OutlineItem("Index", 0))
            outline.root.extend(outline_items)
        out.Root.PageLabels = _page_labels(index_pages, starts, dividers)
        out.Root.PageMode = pikepdf.Name.UseOutlines
        out.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        out.docinfo["/Title"] = title
        out.docinfo["/Creator"] = "casedesk"
        save_pdf(out, dst)
        for src, name in zip(sources, names, strict=True):
            warnings.extend(w for w in repair_warnings(src, name) if w not in warnings)
        shrunk = sum(s.shrunk for s in (bates_stamper, number_stamper) if s is not None)
        warnings.extend(shrink_warning("The binder", shrunk))
    return BinderResult(pages=total, entries=entries, warnings=tuple(warnings))


def _number_style(bates: BatesOptions | None) -> StampStyle:
    """How binder page numbers look: bottom centre, or top centre when Bates labels are there."""
    position = "bottom-center"
    if bates is not None and bates.style.position == "bottom-center":
        position = "top-center"
    return StampStyle(font=REGULAR, size=9, position=position, backing=True)
