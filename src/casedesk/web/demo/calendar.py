"""The demo firm's calendar: deadline chains, hearings, meetings and tasks on open matters.

Built through the scheduling services (so audited, with reminders) after the matters exist.
Dates are placed around today so the calendar and the dashboard have something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from django.utils import timezone

from casedesk.core.deadlines import DeadlineError
from casedesk.core.deadlines.chains import chain_templates, guess_court
from casedesk.web.accounts.models import User
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter, MatterStatus
from casedesk.web.scheduling.chain_services import ChainInput, chain_create, chain_propose
from casedesk.web.scheduling.event_services import event_create
from casedesk.web.scheduling.task_services import task_create

HEARING_ROOMS = ("Dept. 12", "Dept. 41", "Courtroom 3B", "Courtroom 7", "Part 16", "Room 2104")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _workday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def demo_calendar(*, users: Mapping[str, User], seed: int, limit: int = 40) -> int:
    """Add chains, hearings, meetings and tasks to up to ``limit`` open matters; return events made."""
    rng = random.Random(seed * 7919)
    today = timezone.localdate()
    secretary = users["dana.secretary"]
    made = 0
    matters = list(
        Matter.objects.filter(status=MatterStatus.OPEN, walls__isnull=True)
        .exclude(court="")
        .select_related("responsible_attorney")
        .order_by("number")[: limit * 2]
    )
    for matter in matters[:limit]:
        court = guess_court(matter.court)
        attorney = matter.responsible_attorney
        if court is None or attorney is None:
            continue
        templates = [t for t in chain_templates(court) if not t.backward]
        if templates:
            template = rng.choice(templates)
            trigger = _workday(today - dt.timedelta(days=rng.randint(3, 40)))
            service = "mail" if template.uses_service else "none"
            inp = ChainInput(template.id, court, trigger, None, service)
            try:
                proposed = chain_propose(by=secretary, matter=matter, inp=inp)
                chain = chain_create(
                    by=secretary, matter=matter, inp=inp, rule_ids=[p.rule_id for p in proposed]
                )
                made += chain.deadlines.count()
            except (ServiceError, DeadlineError):
                pass
        day = _workday(today + dt.timedelta(days=rng.randint(1, 45)))
        event_create(
            by=secretary,
            matter=matter,
            kind=rng.choice(["hearing", "hearing", "deposition", "meeting", "appointment"]),
            title=f"{rng.choice(['Hearing on motion', 'Case management conference', 'Deposition', 'Client meeting', 'Status conference'])}: {matter.title}"[
                :300
            ],
            starts_at=_at(day, rng.choice([9, 10, 11, 13, 14]), rng.choice([0, 30])),
            ends_at=_at(day, 15, 30),
            location=rng.choice(HEARING_ROOMS),
            attendee_users=[attorney],
        )
        made += 1
        task_create(
            by=secretary,
            matter=matter,
            title=rng.choice(
                [
                    "Send the client a status letter",
                    "Calendar opposing counsel's availability",
                    "Prepare the exhibit list",
                    "Confirm the court reporter",
                    "Collect signed waiver",
                ]
            ),
            assignee=rng.choice([secretary, users["eli.secretary"], users["farah.clerk"]]),
            due_date=_workday(today + dt.timedelta(days=rng.randint(-2, 14))),
        )
    return made
