"""The corpus of the ingest benchmark: text PDFs typeset from real court opinions, and scans.

Text PDFs. Opinions are drawn (seeded shuffle) from ``../shared/data/caselaw/*.jsonl`` (500 New
Mexico appellate opinions and 50 U.S. Supreme Court slip opinions, public domain) and typeset
with WeasyPrint (HTML -> PDF), one opinion per PDF, US Letter, 1-inch margins, Liberation
Serif 12 pt, a short caption (jurisdiction, case name and date when the record has them) and
"Page N of M" in the footer:

* New Mexico opinions (one line of text in the export) are cut into their numbered
  paragraphs ("{1}", "{2}", ...) and set double-spaced and justified, as filed papers are;
* Supreme Court slip opinions keep their own line breaks and pagination (one PDF page per
  slip page, form feed = page break; blank lines dropped), set 11.5 pt, 1.2-spaced.

An opinion that would make fewer than ``MIN_PAGES`` pages is skipped; one that would make
more than ``MAX_PAGES`` is cut (at a paragraph or slip page) to ``MAX_PAGES``. So the page
counts follow the real lengths of opinions between those bounds (about 3-30, median near 10).

Scans. For ``n_scan`` of the text PDFs (seeded choice), the first 1-3 pages are rendered with
pypdfium2 at 300 dpi, 8-bit grayscale, and saved (a) as one PNG per page (300 dpi in its
header: the input of the bare ``tesseract`` baseline) and (b) together as an image-only PDF
made by Pillow (JPEG-compressed pages, 300 dpi, no text layer: what a scanner hands over).
They are clean renders, not paper scans: no skew, speckle or bleed-through, so they are the
easy case for OCR in both speed and accuracy. The text layer of the same source pages is
kept in the manifest, for the crude word recall of the OCR output.

Building takes a minute or two (WeasyPrint); the result is cached in a folder keyed by the
parameters (``manifest.json`` lists every file), so repeated benchmark runs reuse it.

Usage: .venv/bin/python bench/documents/make_corpus.py --out DIR [--text-docs 100]
       [--scan-docs 10] [--seed 20261127]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CORPUS_VERSION = 1  # bump when the way files are made changes (invalidates the cache)
MIN_PAGES = 3
MAX_PAGES = 30
SCAN_DPI = 300
REPO = Path(__file__).resolve().parents[2]
DEFAULT_CASELAW = REPO.parent / "shared" / "data" / "caselaw"

_CSS = """
@page {
  size: letter;
  margin: 1in 1in 1in 1in;
  @bottom-center {
    content: "Page " counter(page) " of " counter(pages);
    font: 10pt "Liberation Serif";
  }
}
body { font: 12pt/2 "Liberation Serif", serif; margin: 0; }
.caption { text-align: center; line-height: 1.3; margin-bottom: 18pt; }
.caption h1 { font-size: 13pt; margin: 0 0 4pt 0; }
.caption p { margin: 0; }
p.para { text-align: justify; text-indent: 0.5in; margin: 0; hyphens: manual; }
.slip { white-space: pre-wrap; line-height: 1.2; font-size: 11.5pt; break-after: page; }
.slip:last-child { break-after: auto; }
"""
_NM_PARAGRAPH = re.compile(r"(?=\{\d+\})")


def load_opinions(folder: Path) -> list[dict[str, Any]]:
    """Every opinion in the folder's JSONL files, in file order."""
    opinions: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            opinions.extend(json.loads(line) for line in fh if line.strip())
    return opinions


def _blocks(opinion: dict[str, Any]) -> tuple[str, list[str]]:
    """("para" or "slip", the opinion's blocks: numbered paragraphs, or slip pages)."""
    text = str(opinion["text"])
    if "\f" in text or "\n" in text:
        # Blank lines between lines (CourtListener's layout) would overflow a slip page.
        pages = [re.sub(r"\n\s*\n", "\n", page).strip("\n") for page in text.split("\f")]
        return "slip", [page for page in pages if page.strip()]
    paragraphs = [" ".join(p.split()) for p in _NM_PARAGRAPH.split(text)]
    return "para", [p for p in paragraphs if p]


def _html(opinion: dict[str, Any], style: str, blocks: list[str]) -> str:
    caption = [f"<h1>{html.escape(str(opinion.get('jurisdiction') or 'Court'))}</h1>"]
    if opinion.get("case_name"):
        caption.append(f"<p><i>{html.escape(str(opinion['case_name']))}</i></p>")
    detail = f"Opinion {opinion['id']}"
    if opinion.get("date_filed"):
        detail += f" · filed {opinion['date_filed']}"
    caption.append(f"<p>{html.escape(detail)}</p>")
    if style == "para":
        body = "\n".join(f'<p class="para">{html.escape(b)}</p>' for b in blocks)
    else:
        body = "\n".join(f'<div class="slip">{html.escape(b)}</div>' for b in blocks)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{_CSS}</style></head>"
        f"<body><div class='caption'>{''.join(caption)}</div>{body}</body></html>"
    )


def render_opinion(opinion: dict[str, Any], dest: Path) -> int | None:
    """Typeset one opinion to ``dest``; its page count, or None when it is under MIN_PAGES."""
    import weasyprint

    style, blocks = _blocks(opinion)
    if style == "slip":
        blocks = blocks[:MAX_PAGES]
    while True:
        document = weasyprint.HTML(string=_html(opinion, style, blocks)).render()
        pages = len(document.pages)
        if pages < MIN_PAGES:
            return None
        if pages <= MAX_PAGES or len(blocks) <= 1:
            break
        # Too long: keep the share of the blocks that should fit, a little under.
        keep = max(1, min(len(blocks) - 1, int(len(blocks) * MAX_PAGES / pages * 0.97)))
        blocks = blocks[:keep]
    document.write_pdf(dest)
    return pages


def _page_texts(pdf: Path, count: int) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for index in range(min(count, len(doc))):
            page = doc[index]
            textpage = page.get_textpage()
            out.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return out
    finally:
        doc.close()


def make_scan(source: Path, pages: int, dest_pdf: Path, png_stem: Path) -> list[Path]:
    """Render the first ``pages`` pages of ``source`` to 300-dpi grayscale PNGs and an
    image-only PDF (Pillow); returns the PNG paths."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(source)
    images = []
    pngs = []
    try:
        for index in range(min(pages, len(doc))):
            page = doc[index]
            image = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
            page.close()
            png = png_stem.with_name(f"{png_stem.name}-p{index + 1}.png")
            image.save(png, dpi=(SCAN_DPI, SCAN_DPI))
            images.append(image)
            pngs.append(png)
    finally:
        doc.close()
    images[0].save(
        dest_pdf,
        "PDF",
        resolution=float(SCAN_DPI),
        save_all=True,
        append_images=images[1:],
        quality=85,
    )
    return pngs


def corpus_key(n_text: int, n_scan: int, seed: int) -> str:
    """The cache key of a corpus built with these parameters."""
    raw = f"v{CORPUS_VERSION}-{n_text}-{n_scan}-{seed}-{MIN_PAGES}-{MAX_PAGES}-{SCAN_DPI}"
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def default_cache_dir(n_text: int, n_scan: int, seed: int) -> Path:
    """Where a corpus is cached by default (outside the repository)."""
    return (
        Path(tempfile.gettempdir())
        / "casedesk-bench-ingest-corpus"
        / corpus_key(n_text, n_scan, seed)
    )


def build_corpus(
    out: Path,
    *,
    n_text: int,
    n_scan: int,
    seed: int,
    caselaw: Path = DEFAULT_CASELAW,
    rebuild: bool = False,
    log: Any = print,
) -> dict[str, Any]:
    """Build (or reuse) the corpus in ``out``; returns its manifest (also in manifest.json)."""
    manifest_path = out / "manifest.json"
    key = corpus_key(n_text, n_scan, seed)
    if manifest_path.exists() and not rebuild:
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("key") == key and all(
            (out / d["file"]).exists() for d in manifest["text"] + manifest["scans"]
        ):
            return manifest
    if out.exists():
        shutil.rmtree(out)
    (out / "text").mkdir(parents=True)
    (out / "scans").mkdir()
    opinions = load_opinions(caselaw)
    if not opinions:
        raise FileNotFoundError(f"no opinions (*.jsonl) in {caselaw}")
    rng = random.Random(seed)
    order = list(range(len(opinions)))
    rng.shuffle(order)
    started = time.perf_counter()
    text_docs: list[dict[str, Any]] = []
    skipped = 0
    for index in order:
        if len(text_docs) >= n_text:
            break
        opinion = opinions[index]
        name = (
            f"opinion-{len(text_docs) + 1:03d}-{re.sub(r'[^A-Za-z0-9-]', '_', opinion['id'])}.pdf"
        )
        dest = out / "text" / name
        pages = render_opinion(opinion, dest)
        if pages is None:
            skipped += 1
            continue
        text_docs.append(
            {
                "file": f"text/{name}",
                "name": name,
                "pages": pages,
                "bytes": dest.stat().st_size,
                "source_id": opinion["id"],
                "source_chars": len(opinion["text"]),
            }
        )
        if len(text_docs) % 10 == 0:
            log(f"  typeset {len(text_docs)}/{n_text} PDFs ({time.perf_counter() - started:.0f} s)")
    if len(text_docs) < n_text:
        raise ValueError(f"only {len(text_docs)} opinions make {MIN_PAGES}+ pages")
    scans: list[dict[str, Any]] = []
    for number, source in enumerate(rng.sample(text_docs, min(n_scan, len(text_docs))), 1):
        pages = rng.randint(1, 3)
        stem = f"scan-{number:02d}"
        dest_pdf = out / "scans" / f"{stem}.pdf"
        pngs = make_scan(out / source["file"], pages, dest_pdf, out / "scans" / stem)
        scans.append(
            {
                "file": f"scans/{stem}.pdf",
                "name": f"{stem}.pdf",
                "pages": len(pngs),
                "bytes": dest_pdf.stat().st_size,
                "pngs": [f"scans/{p.name}" for p in pngs],
                "source": source["file"],
                "source_text": _page_texts(out / source["file"], len(pngs)),
            }
        )
    manifest = {
        "key": key,
        "corpus_version": CORPUS_VERSION,
        "seed": seed,
        "caselaw": str(caselaw),
        "build_seconds": round(time.perf_counter() - started, 1),
        "skipped_short_opinions": skipped,
        "text": text_docs,
        "scans": scans,
    }
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="folder (default: a temp cache)")
    parser.add_argument("--text-docs", type=int, default=100)
    parser.add_argument("--scan-docs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--caselaw", type=Path, default=DEFAULT_CASELAW)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if not args.caselaw.is_dir():
        print(f"The caselaw data folder {args.caselaw} is absent; nothing to build.")
        return 0
    out = args.out or default_cache_dir(args.text_docs, args.scan_docs, args.seed)
    manifest = build_corpus(
        out,
        n_text=args.text_docs,
        n_scan=args.scan_docs,
        seed=args.seed,
        caselaw=args.caselaw,
        rebuild=args.rebuild,
    )
    pages = [d["pages"] for d in manifest["text"]]
    print(
        f"{out}: {len(pages)} text PDFs, {sum(pages)} pages ({min(pages)}-{max(pages)}), "
        f"{len(manifest['scans'])} scans, {sum(s['pages'] for s in manifest['scans'])} pages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
