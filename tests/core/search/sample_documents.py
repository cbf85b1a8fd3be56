"""A small firm's documents: seven, in four matters, with the cases the tests need."""

from __future__ import annotations

import datetime

from casedesk.core.search.documents import IndexedDocument

D = datetime.date

DOCUMENTS = (
    IndexedDocument(
        id=1,
        matter_id=1,
        title="Lease agreement",
        body="The landlord and the tenant agree. The tenant shall pay rent monthly. "
        "Breach of contract gives the landlord the right to terminate.",
        category="Contract",
        tags=("Lease", "signed"),
        doc_date=D(2020, 1, 15),
        filename="lease-2020.docx",
    ),
    IndexedDocument(
        id=2,
        matter_id=1,
        title="Negligence claim memo",
        body="The driver acted negligently when he ran the red light. "
        "Damages are sought for negligence.",
        category="memo",
        tags=("tort",),
        doc_date=D(2021, 3, 1),
    ),
    IndexedDocument(
        id=3,
        matter_id=2,
        title="Letter to client",
        body="Dear client, the contract was breached by the supplier. We will file a claim.",
        category="correspondence",
        tags=("urgent",),
        doc_date=D(2022, 7, 30),
    ),
    IndexedDocument(
        id=4,
        matter_id=2,
        title="Draft motion",
        body="Motion to dismiss for lack of jurisdiction. "
        "The court lacks personal jurisdiction over the defendant.",
        category="pleading",
        tags=("draft", "URGENT"),
        doc_date=None,
    ),
    IndexedDocument(
        id=5,
        matter_id=3,
        title="Hợp đồng mua bán",
        body="Hợp đồng này được ký kết giữa hai bên. عقد البيع بين الطرفين.",
        category="contract",
        tags=("vietnamese",),
        doc_date=D(2019, 12, 31),
    ),
    IndexedDocument(
        id=6,
        matter_id=3,
        title="Note on Müller",
        body="Meeting with José Müller about the café lease. "
        "<script>alert('x')</script> & other notes.",
        category="note",
        tags=(),
        doc_date=D(2023, 2, 2),
    ),
    IndexedDocument(
        id=7,
        matter_id=4,
        title="Contract breach analysis",
        body="Analysis of the breach and the remedies available.",
        category="Memo",
        tags=("tort", "Draft"),
        doc_date=D(2020, 1, 15),
    ),
)
