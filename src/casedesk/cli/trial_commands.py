"""``casedesk bates``, ``casedesk exhibit-stamp`` and ``casedesk binder``: productions,
exhibit stickers and trial binders from the shell, without the firm's database.

Contract (other programs depend on it)::

    casedesk bates INPUT.pdf... --prefix P [--start N] [--digits D]
        [--position bottom-right|bottom-left|bottom-center|top-right|top-left|top-center]
        [--legend TEXT] [--font F] [--size S] --out DIR
        [--log log.csv] [--dat vol.dat] [--opt vol.opt] [--volume NAME]
    casedesk exhibit-stamp INPUT.pdf --party plaintiff|defendant|joint --number N
        --case CASE_NO -o OUT.pdf [--witness NAME] [--date YYYY-MM-DD]
    casedesk binder SPEC.toml -o binder.pdf

``bates`` writes one stamped PDF per input into DIR under the input's name, numbering
continuously across the inputs in the order given, and prints one line per document
(``ACME000001-ACME000012 contract.pdf (12 pages)``). Every input is checked first: a missing,
empty, encrypted, damaged or non-PDF input, a bad prefix, a number that needs more digits,
or a DIR that holds an input stops the command before anything is written. Originals are
never written to. Failures exit 1 with one ``error: ...`` line on stderr.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import typer

from casedesk.cli.failures import err_console, fail
from casedesk.core.production.loadfiles import ProducedDocument

BATES_HELP = """Bates-number PDFs: a stamped copy of each INPUT in DIR, numbered continuously across them.

Numbering continues from one input to the next in the order given. Each output is named after its input; an input is never written over (DIR must not hold an input). Every input is checked before anything is written.

Optional load files: --log (production log CSV), --dat (Concordance DAT), --opt (Opticon OPT; image paths relative to the OPT's folder, volume name --volume or the OPT's file name).

Example:

  casedesk bates contract.pdf letters.pdf --prefix ACME --out produced --dat produced/VOL001.dat --opt produced/VOL001.opt
"""

EXHIBIT_HELP = """Put an exhibit sticker on the first page of INPUT.pdf and write OUT.pdf.

The sticker reads e.g. PLAINTIFF'S EXHIBIT 12 with the case number, and the witness and date when given.

Example:

  casedesk exhibit-stamp contract.pdf --party plaintiff --number 12 --case 2:24-cv-01234 -o PX12.pdf
"""

BINDER_HELP = """Build a trial binder from SPEC.toml: index, tab dividers, bookmarks, page labels.

The spec (TOML; file paths are relative to the spec's folder):

  title = "Trial Binder"                  # required
  subtitle = "Montoya v. Sunset Terrace"  # optional
  index = true                            # optional (default true)
  dividers = true                         # optional (default true)
  page_numbers = true                     # optional: "Page 17 of 2,004"

  \\[bates]                                 # optional: Bates-stamp pages
  prefix = "ACME"
  start = 1                               # optional (default 1)
  digits = 6                              # optional (default 6)
  position = "bottom-right"               # optional

  \\[\\[tab]]                                 # one per document, in order
  file = "exhibits/contract.pdf"          # required
  title = "Master Services Agreement"     # required
  description = "Signed January 5, 2024"  # optional
  tab = "1"                               # optional (default 1, 2, ...)
  bates = "DEF000101-DEF000112"           # optional: range shown in the index

Example:

  casedesk binder trial-binder.toml -o binder.pdf
"""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _check_inputs(inputs: list[Path]) -> list[int]:
    """Open every input (refusing bad ones, each named) and return their page counts."""
    from casedesk.core.pdf.errors import PdfInputError
    from casedesk.core.pdf.inputs import open_pdf

    counts = []
    for path in inputs:
        if not path.is_file():
            raise fail(f"{path}: no such file.")
        try:
            with open_pdf(path) as pdf:
                counts.append(len(pdf.pages))
        except PdfInputError as exc:
            raise fail(str(exc)) from None
        except OSError as exc:
            raise fail(f"{path}: the file could not be read ({exc.strerror or exc}).") from None
    return counts


def _check_outputs(inputs: list[Path], out_dir: Path, extra: list[Path | None]) -> list[Path]:
    names = [p.name for p in inputs]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise fail(
            f"Two inputs are named {duplicates[0]}: their stamped copies would have the same "
            "name in the output folder."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise fail(f"{out_dir} is a file, not a folder.")
    outputs = [out_dir / p.name for p in inputs]
    for src, dst in zip(inputs, outputs, strict=True):
        if src.resolve().parent == out_dir.resolve() or _same_file(src, dst):
            raise fail(
                f"The output folder {out_dir} holds the input {src.name}: choose another "
                "folder so the original is not written over."
            )
    for path in extra:
        if path is not None and any(_same_file(path, src) for src in inputs):
            raise fail(f"{path} is one of the inputs: it would be written over.")
    return outputs


def _relative(path: Path, start: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


def bates_command(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT.pdf...", help="PDFs, in order."),
    prefix: str = typer.Option(..., "--prefix", help="Letters before the number, e.g. ACME."),
    start: int = typer.Option(1, "--start", min=0, help="The first number."),
    digits: int = typer.Option(6, "--digits", min=3, max=15, help="Zero-padded width."),
    position: str = typer.Option(
        "bottom-right",
        "--position",
        help="bottom-right, bottom-left, bottom-center, top-right, top-left or top-center.",
    ),
    legend: str = typer.Option("", "--legend", help="Text on every page, e.g. CONFIDENTIAL."),
    font: str = typer.Option("Helvetica-Bold", "--font", help="A standard PDF font."),
    size: float = typer.Option(10.0, "--size", min=4, max=48, help="Font size in points."),
    out: Path = typer.Option(..., "--out", "-o", metavar="DIR", help="The output folder."),
    log: Path | None = typer.Option(None, "--log", help="Write the production log (CSV)."),
    dat: Path | None = typer.Option(None, "--dat", help="Write a Concordance DAT."),
    opt: Path | None = typer.Option(None, "--opt", help="Write an Opticon OPT."),
    volume: str = typer.Option("", "--volume", help="Volume name in the OPT (default: its name)."),
) -> None:
    """Bates-number PDFs into an output folder (see the help above)."""
    from casedesk.core.pdf.bates import bates_label, plan_ranges, validate_prefix
    from casedesk.core.pdf.errors import PdfInputError
    from casedesk.core.pdf.fonts import FONTS, encode_winansi
    from casedesk.core.pdf.geometry import POSITIONS
    from casedesk.core.pdf.stamp import StampStyle, bates_stamp
    from casedesk.core.production.loadfiles import file_md5, write_dat, write_log_csv, write_opt

    try:
        prefix = validate_prefix(prefix)
        if legend:
            encode_winansi(legend, what="The legend")
    except ValueError as exc:
        raise fail(str(exc)) from None
    if position not in POSITIONS:
        raise fail(f"--position must be one of {', '.join(POSITIONS)}, not {position!r}.")
    if font not in FONTS:
        raise fail(f"--font must be one of {', '.join(FONTS)}, not {font!r}.")
    outputs = _check_outputs(inputs, out, [log, dat, opt])
    counts = _check_inputs(inputs)
    try:
        ranges = plan_ranges(start, counts)
        labels = [
            (bates_label(prefix, r.begin, digits), bates_label(prefix, r.end, digits))
            for r in ranges
        ]
    except ValueError as exc:
        raise fail(str(exc)) from None

    style = StampStyle(font=font, size=size, position=position)
    out.mkdir(parents=True, exist_ok=True)
    produced = []
    for src, dst, rng, (begin, end) in zip(inputs, outputs, ranges, labels, strict=True):
        try:
            result = bates_stamp(
                src,
                dst,
                prefix=prefix,
                first=rng.begin,
                digits=digits,
                style=style,
                legend=legend,
                name=src.name,
            )
        except (PdfInputError, ValueError) as exc:
            raise fail(str(exc)) from None
        except OSError as exc:
            raise fail(f"{dst}: could not be written ({exc.strerror or exc}).") from None
        for warning in result.warnings:
            err_console.print(f"warning: {warning}", markup=False)
        pages = result.pages
        typer.echo(f"{begin}-{end} {src.name} ({pages} page{'' if pages == 1 else 's'})")
        produced.append((src, dst, result, begin, end))

    def documents(base: Path) -> list[ProducedDocument]:
        return [
            ProducedDocument(
                begin_label=begin,
                end_label=end,
                pages=result.pages,
                title=src.stem,
                confidentiality=legend,
                filename=src.name,
                pdf_path=_relative(dst, base),
                md5=file_md5(src),
            )
            for src, dst, result, begin, end in produced
        ]

    try:
        if log is not None:
            write_log_csv(documents(log.parent), log)
        if dat is not None:
            write_dat(documents(dat.parent), dat)
        if opt is not None:
            write_opt(documents(opt.parent), opt, volume=volume or opt.stem)
    except ValueError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"A load file could not be written ({exc.strerror or exc}).") from None


def exhibit_stamp_command(
    input_pdf: Path = typer.Argument(..., metavar="INPUT.pdf", help="The exhibit."),
    party: str = typer.Option(..., "--party", help="plaintiff, defendant or joint."),
    number: str = typer.Option(..., "--number", help="The exhibit number, e.g. 12 or A."),
    case: str = typer.Option(..., "--case", metavar="CASE_NO", help="The case number."),
    out: Path = typer.Option(..., "-o", "--out", metavar="OUT.pdf", help="Where to write."),
    witness: str = typer.Option("", "--witness", help="The witness (optional)."),
    date: str = typer.Option("", "--date", metavar="YYYY-MM-DD", help="The date (optional)."),
    position: str = typer.Option("bottom-right", "--position", help="Where the sticker goes."),
) -> None:
    """Put an exhibit sticker on the first page of a PDF (see the help above)."""
    from casedesk.core.pdf.errors import PdfInputError
    from casedesk.core.pdf.exhibit import exhibit_stamp, party_heading

    if not input_pdf.is_file():
        raise fail(f"{input_pdf}: no such file.")
    if _same_file(input_pdf, out) or input_pdf.resolve() == out.resolve():
        raise fail(f"{out} is the input: choose another output so the original is kept.")
    if not party.strip() or not number.strip():
        raise fail("--party and --number cannot be empty.")
    when = None
    if date:
        try:
            when = datetime.date.fromisoformat(date)
        except ValueError:
            raise fail(f"--date {date!r} is not a date written YYYY-MM-DD.") from None
    try:
        result = exhibit_stamp(
            input_pdf,
            out,
            party=party.strip(),
            number=number.strip(),
            case_number=case,
            witness=witness,
            date=when,
            position=position,
            name=input_pdf.name,
        )
    except (PdfInputError, ValueError) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{out}: could not be written ({exc.strerror or exc}).") from None
    for warning in result.warnings:
        err_console.print(f"warning: {warning}", markup=False)
    typer.echo(f"{party_heading(party)} EXHIBIT {number.strip()}: {input_pdf.name} -> {out}")


def binder_command(
    spec: Path = typer.Argument(..., metavar="SPEC.toml", help="The binder's definition."),
    out: Path = typer.Option(..., "-o", "--out", metavar="binder.pdf", help="Where to write."),
) -> None:
    """Build a trial binder from a TOML spec (see the help above)."""
    from casedesk.core.pdf.binder import build_binder
    from casedesk.core.pdf.errors import PdfInputError
    from casedesk.core.trial.binder_spec import read_binder_spec

    try:
        definition = read_binder_spec(spec)
    except ValueError as exc:
        raise fail(str(exc)) from None
    for part in definition.parts:
        if _same_file(part.path, out):
            raise fail(f"{out} is one of the binder's documents: it would be written over.")
    try:
        result = build_binder(
            list(definition.parts),
            out,
            title=definition.title,
            subtitle=definition.subtitle,
            bates=definition.bates,
            index=definition.index,
            dividers=definition.dividers,
            page_numbers=definition.page_numbers,
        )
    except (PdfInputError, ValueError) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{out}: could not be written ({exc.strerror or exc}).") from None
    for warning in result.warnings:
        err_console.print(f"warning: {warning}", markup=False)
    for entry in result.entries:
        bates = f"  {entry.bates}" if entry.bates else ""
        typer.echo(
            f"Tab {entry.tab}: {entry.title} (page {entry.first_page:,}, "
            f"{entry.page_count:,} page{'' if entry.page_count == 1 else 's'}){bates}"
        )
    typer.echo(f"{out}: {result.pages:,} pages, {len(result.entries)} tabs")


def register(main_app: typer.Typer) -> None:
    """Add ``bates``, ``exhibit-stamp`` and ``binder`` to the main command."""
    main_app.command("bates", help=BATES_HELP, no_args_is_help=True)(bates_command)
    main_app.command("exhibit-stamp", help=EXHIBIT_HELP, no_args_is_help=True)(
        exhibit_stamp_command
    )
    main_app.command("binder", help=BINDER_HELP, no_args_is_help=True)(binder_command)
