"""The demo firm's documents: a notice of hearing, a letter and a scanned exhibit per matter.

Filed through the document services (so stored by hash, audited and queued for reading), on a
few open matters. The notices carry hearing and deadline language, so once ``casedesk
worker`` has read them the matters show data-entry proposals to confirm; the scans are
image-only PDFs, so the worker OCRs them and their words become searchable.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import textwrap
from collections.abc import Mapping
from pathlib import Path

from django.utils import timezone

from casedesk.web.accounts.models import User
from casedesk.web.documents.document_services import DocumentDetails, IncomingFile, document_add
from casedesk.web.documents.models import Category, Direction
from casedesk.web.matters.models import Matter, MatterStatus, PartyRole

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _caption(matter: Matter) -> tuple[str, str]:
    parties = list(matter.parties.select_related("contact"))
    client = next((p.contact.name for p in parties if p.role == PartyRole.CLIENT), matter.title)
    adverse = next(
        (p.contact.name for p in parties if p.role == PartyRole.ADVERSE), "DOES 1 through 10"
    )
    return client, adverse


def notice_text(matter: Matter, hearing: dt.date, number: str) -> str:
    """A notice of hearing with a caption, a case number, a hearing and a response period."""
    client, adverse = _caption(matter)
    court = matter.court or "SUPERIOR COURT OF THE STATE OF CALIFORNIA\nFOR THE COUNTY OF ALAMEDA"
    return (
        f"{court.upper()}\n\n"
        f"{client.upper()},\n        Plaintiff,\n    v.\n{adverse.upper()},\n        Defendant.\n\n"
        f"Case No. {number}\n\n"
        "NOTICE OF HEARING ON MOTION TO COMPEL FURTHER RESPONSES\n\n"
        f"PLEASE TAKE NOTICE that the hearing is set for {hearing:%B} {hearing.day}, "
        f"{hearing.year} at 9:00 a.m. in Department 12 of the above-entitled court.\n\n"
        "Any opposition shall be filed and served no later than nine court days before the "
        "hearing. The responding party shall serve further responses within 21 days after "
        "service of this order.\n\n"
        f"Dated: {timezone.localdate():%B} {timezone.localdate().day}, {timezone.localdate().year}\n"
    )


def letter_pdf(matter: Matter, author: str) -> bytes:
    """A short client status letter as a PDF with a text layer (WeasyPrint)."""
    from weasyprint import HTML

    client, _ = _caption(matter)
    today = timezone.localdate()
    body = (
        f"<p>{today:%B} {today.day}, {today.year}</p><p>Dear {client}:</p>"
        f"<p>Re: {matter.title} (our matter {matter.number})</p>"
        "<p>We write to update you on the discovery dispute. The other side's document "
        "production arrived last week; we are reviewing the warehouse inspection reports "
        "and the maintenance logs, and will send you a summary before the hearing.</p>"
        f"<p>Very truly yours,<br>{author}</p>"
    )
    return HTML(string=f"<html><body style='font-family: serif'>{body}</body></html>").write_pdf()


def scan_pdf(lines: list[str]) -> bytes:
    """An image-only PDF (a 'scan', no text layer) showing ``lines``."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 42)
    y = 200
    for line in lines:
        for part in textwrap.wrap(line, 60) or [""]:
            draw.text((150, y), part, fill=0, font=font)
            y += 64
    out = io.BytesIO()
    page.save(out, "PDF", resolution=200.0)
    return out.getvalue()


SCAN_LINES = [
    "INCIDENT REPORT - WAREHOUSE 7",
    "",
    "On the night of the storm the north roof drain overflowed.",
    "Water reached the pallet racks in aisle 14 by 2:40 a.m.",
    "The night supervisor called the landlord's emergency line twice.",
    "Nobody from the landlord came until the next afternoon.",
]


def demo_documents(*, users: Mapping[str, User], limit: int = 6, scans: int = 2) -> int:
    """File demo documents on up to ``limit`` open matters; returns how many were filed."""
    secretary = users.get("dana.secretary") or next(iter(users.values()))
    matters = list(
        Matter.objects.filter(status=MatterStatus.OPEN, practice_area="litigation")
        .filter(restricted=False)
        .exclude(walls__isnull=False)
        .order_by("number")[:limit]
    )
    pleadings = Category.objects.get(slug="pleadings")
    correspondence = Category.objects.get(slug="correspondence")
    evidence = Category.objects.get(slug="evidence")
    today = timezone.localdate()
    filed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, matter in enumerate(matters):
            hearing = today + dt.timedelta(days=24 + 3 * n)
            while hearing.weekday() >= 5:
                hearing += dt.timedelta(days=1)
            notice = folder / f"notice-{n}.txt"
            notice.write_text(notice_text(matter, hearing, f"RG{today:%y}-{612345 + n}"))
            document_add(
                by=secretary,
                matter=matter,
                incoming=IncomingFile(notice, "Notice of hearing.txt"),
                details=DocumentDetails(
                    category=pleadings,
                    document_date=today,
                    direction=Direction.RECEIVED,
                    title="Notice of hearing on motion to compel",
                ),
            )
            letter = folder / f"letter-{n}.pdf"
            attorney = matter.responsible_attorney
            letter.write_bytes(letter_pdf(matter, attorney.full_name if attorney else "casedesk"))
            document_add(
                by=secretary,
                matter=matter,
                incoming=IncomingFile(letter, "Status letter to client.pdf"),
                details=DocumentDetails(
                    category=correspondence, document_date=today, direction=Direction.SENT
                ),
            )
            filed += 2
            if n < scans:
                scan = folder / f"scan-{n}.pdf"
                scan.write_bytes(scan_pdf(SCAN_LINES))
                document_add(
                    by=secretary,
                    matter=matter,
                    incoming=IncomingFile(scan, "Incident report (scan).pdf"),
                    details=DocumentDetails(category=evidence, tags=("hot",), privileged=False),
                )
                filed += 1
    return filed
