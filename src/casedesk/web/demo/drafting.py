"""The demo firm's drafting and correspondence: firm details, the starter library, a few
generated letters and a communication log on open matters.

Everything goes through the services (so it is audited, filed and shown as a user would
have made it). Letters are generated as Word files only; a PDF is one click on the page
once ``casedesk worker`` runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.utils import timezone

from casedesk.web.accounts.models import User
from casedesk.web.correspondence.services import FollowUp, communication_log
from casedesk.web.drafting.models import DraftTemplate
from casedesk.web.drafting.services import document_generate, firm_profile_update
from casedesk.web.drafting.template_services import starter_install
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter, MatterStatus, PartyRole

FIRM_ADDRESS = "500 Grand Avenue, Suite 1200\nOakland, CA 94610"

ENGAGEMENT = {
    "engagement.scope": "Representing you in the dispute described in your intake interview, "
    "through trial in the trial court.",
    "fee.hourly_rate": "425",
    "fee.retainer": "5,000",
}

CALLS = [
    ("call", "in", "Client called about the hearing date; explained the continuance.", 2),
    ("meeting", "internal", "Case strategy meeting: discovery plan and expert budget.", 5),
    ("letter", "out", "Sent the status letter with the document production summary.", 9),
]


def demo_drafting(*, users: Mapping[str, User], limit: int = 4) -> int:
    """Set the firm details, install the starter library, and draft/log on ``limit`` matters.

    Returns how many documents were generated.
    """
    admin = users.get("hana.admin")
    secretary = users.get("dana.secretary")
    if admin is None or secretary is None:
        return 0
    firm_profile_update(
        by=admin,
        name=settings.CASEDESK_FIRM_NAME,
        address=FIRM_ADDRESS,
        phone="(510) 555-0140",
        fax="(510) 555-0141",
        email="office@firm.example",
        website="https://firm.example",
    )
    starter_install(by=admin)
    engagement = DraftTemplate.objects.filter(starter_id="engagement-letter").first()
    matters = list(
        Matter.objects.filter(status=MatterStatus.OPEN, restricted=False)
        .exclude(walls__isnull=False)
        .filter(parties__role=PartyRole.CLIENT)
        .distinct()
        .order_by("number")[:limit]
    )
    made = 0
    now = timezone.now()
    for matter in matters:
        if engagement is not None:
            try:
                document_generate(
                    by=secretary, matter=matter, template=engagement, raw_answers=ENGAGEMENT
                )
                made += 1
            except ServiceError:
                pass  # a matter the demo data leaves without what the letter needs
        client = matter.parties.filter(role=PartyRole.CLIENT).select_related("contact").first()
        who = client.contact.name if client else "the client"
        for kind, direction, summary, days_ago in CALLS:
            follow = None
            if kind == "call":
                follow = FollowUp(
                    title=f"Send {who} the new hearing date in writing",
                    due_date=timezone.localdate() + dt.timedelta(days=3),
                    assignee=secretary,
                )
            communication_log(
                by=secretary,
                matter=matter,
                kind=kind,
                direction=direction,
                occurred_at=now - dt.timedelta(days=days_ago, hours=2),
                participants=f"{who}; {secretary.display_name}",
                subject=summary.split(":")[0].split(";")[0][:80],
                summary=summary,
                follow_up=follow,
            )
    return made
