"""Small briefs made for the tests: HTML pages laid out by WeasyPrint, joined with pikepdf.

``make_brief(path, body=[...], front=[...], appendix=[...])`` writes a PDF whose front matter
is numbered in roman ("i", "ii"), whose body restarts at 1 (page numbers at the foot, or at
the head with ``head=True``), and whose appendix pages are "1a", "2a". Each string is one
page of HTML; ``<span class="fn">...</span>`` makes a footnote (smaller type at the foot of
the page, numbered by the page).
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

_CSS = """
@page {{ size: Letter; margin: 1in; {box} }}
body {{ font-family: serif; font-size: 12pt; line-height: 1.5; }}
.page {{ break-before: page; }}
.page:first-child {{ break-before: auto; }}
.fn {{ float: footnote; font-size: 9pt; }}
::footnote-call {{ font-size: 7pt; vertical-align: super; }}
::footnote-marker {{ font-size: 7pt; }}
"""


def _box(numbering: str, head: bool) -> str:
    if numbering == "none":
        return ""
    where = "@top-center" if head else "@bottom-center"
    if numbering == "roman":
        content = "counter(page, lower-roman)"
    elif numbering == "appendix":
        content = 'counter(page) "a"'
    else:
        content = "counter(page)"
    return f"{where} {{ content: {content}; font-size: 12pt; }}"


def render(pages: list[str], *, numbering: str = "arabic", head: bool = False) -> bytes:
    """One PDF of ``pages`` (HTML each), numbered from 1 in the given style."""
    import weasyprint

    css = _CSS.format(box=_box(numbering, head))
    body = "".join(f'<div class="page">{page}</div>' for page in pages)
    html = f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def make_brief(
    path: Path,
    *,
    body: list[str],
    front: list[str] | None = None,
    appendix: list[str] | None = None,
    numbering: str = "arabic",
    head: bool = False,
    cover: str | None = None,
) -> Path:
    """Write a brief PDF: an unnumbered cover, roman front matter, the body, the appendix."""
    parts: list[bytes] = []
    if cover is not None:
        parts.append(render([cover], numbering="none"))
    if front:
        parts.append(render(front, numbering="roman", head=head))
    parts.append(render(body, numbering=numbering, head=head))
    if appendix:
        parts.append(render(appendix, numbering="appendix", head=head))
    out = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(part)) for part in parts]
    for source in sources:
        out.pages.extend(source.pages)
    out.save(path)
    for source in sources:
        source.close()
    return path


def paragraphs(*texts: str) -> str:
    """HTML paragraphs."""
    return "".join(f"<p>{text}</p>" for text in texts)
