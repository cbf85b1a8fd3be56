"""Carrying out the demo plan through the real services, so every row is audited like real use.

Order (keeps each conflict check cheap and the story straight): users; then the historic
matters oldest first (intake, conflict check, dispositions, open / close / decline, dates,
team); then the relationships between contacts; then today's intakes, some of whose hits are
left for the attorneys to review; finally the one ethical wall.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from casedesk.web.accounts.models import Role, User
from casedesk.web.accounts.services import user_create
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import Contact, ContactAlias
from casedesk.web.contacts.services import contact_create, contact_relationship_add
from casedesk.web.demo.calendar import demo_calendar
from casedesk.web.demo.catalog import (
    ADMIN,
    CLEARED_OTHER,
    CLEARED_ROLE,
    CLEARED_SAME,
    CONFLICT_DECLINE_REASON,
    DECLINE_NOTE,
    DEMO_PASSWORD,
    DEMO_USERS,
    WAIVER_NOTE,
    WALL_REASON,
    WALLED_ATTORNEY,
)
from casedesk.web.demo.chronology import demo_chronology, demo_chronology_reset
from casedesk.web.demo.documents import demo_documents
from casedesk.web.demo.drafting import demo_drafting
from casedesk.web.demo.firm import ContactSpec, FirmPlan, MatterSpec, plan_firm
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import ConflictHitRecord, Disposition, Matter, MatterStatus
from casedesk.web.matters.services import (
    PartyInput,
    conflict_hit_dispose,
    intake_create,
    matter_close,
    matter_decline,
    matter_open,
    team_member_add,
    wall_create,
)
from casedesk.web.transfer.services import matter_dates_set

Progress = Callable[[int, int], None]


@dataclass
class DemoSummary:
    """What the demo load made."""

    seed: int
    users: dict[str, str]  # username -> role
    password: str
    clients: int = 0
    contacts: int = 0
    matters: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    hits: int = 0
    waivers: int = 0
    walled_matter: str = ""
    seconds: float = 0.0


def demo_reset(*, by: Any) -> tuple[int, int]:
    """Delete every matter and contact (the audit log stays, as always). Returns the counts."""
    matters = Matter.objects.count()
    contacts = Contact.objects.count()
    from casedesk.web.documents.models import Document, DocumentVersion, LegalHold
    from casedesk.web.documents.tasks import documents_index
    from casedesk.web.drafting.models import GeneratedDocument
    from casedesk.web.productions.ledger import forget_matters

    with transaction.atomic():
        demo_chronology_reset()  # facts, suggestions and the firm-wide issues
        doc_ids = list(Document.objects.values_list("pk", flat=True))
        forget_matters(Matter.objects.all())  # productions protect their Bates ranges and matters
        GeneratedDocument.objects.all().delete()  # protects its documents and matters
        LegalHold.objects.all().delete()
        Document.objects.update(current_version=None)
        DocumentVersion.objects.all().delete()
        Document.objects.all().delete()
        if doc_ids:
            transaction.on_commit(lambda: documents_index.enqueue(doc_ids))
        Matter.objects.all().delete()
        Contact.objects.all().delete()
        audit_record(
            actor=by,
            action="delete",
            object_type="firm",
            summary=f"Demo reset: deleted {matters} matters and {contacts} contacts",
            data={"matters": matters, "contacts": contacts},
        )
    return matters, contacts


def _users() -> dict[str, User]:
    """The demo users: created through ``user_create`` (the first administrator bootstraps)."""
    existing = {
        u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])
    }
    admin = existing.get(ADMIN)
    if admin is None:
        spec = next(d for d in DEMO_USERS if d.username == ADMIN)
        acting = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
        if acting is not None:
            admin = user_create(
                by=acting,
                username=spec.username,
                full_name=spec.full_name,
                role=spec.role,
                password=DEMO_PASSWORD,
                email=f"{spec.username}@firm.example",
            )
        else:
            admin = User.objects.create_user(
                username=spec.username,
                password=DEMO_PASSWORD,
                role=Role.ADMIN,
                full_name=spec.full_name,
                email=f"{spec.username}@firm.example",
            )
            audit_record(
                actor=None,
                actor_name="casedesk demo",
                action="create",
                object_type="user",
                object_id=admin.pk,
                summary=f"Created the demo administrator {admin.username}",
            )
        existing[ADMIN] = admin
    for spec in DEMO_USERS:
        if spec.username not in existing:
            existing[spec.username] = user_create(
                by=admin,
                username=spec.username,
                full_name=spec.full_name,
                role=spec.role,
                password=DEMO_PASSWORD,
                email=f"{spec.username}@firm.example",
                bar_number=spec.bar_number,
            )
    return existing


class _Loader:
    def __init__(self, plan: FirmPlan, users: dict[str, User], seed: int) -> None:
        self.plan = plan
        self.users = users
        self.seed = seed
        self.made: dict[str, Contact] = {}
        self.hits = 0
        self.waivers = 0
        self.numbers: dict[str, str] = {}  # contact key -> a matter number it is client on

    def contact(self, key: str, by: User) -> Contact:
        if key not in self.made:
            spec: ContactSpec = self.plan.contacts[key]
            self.made[key] = contact_create(
                by=by,
                kind=spec.kind,
                name=spec.name,
                aliases=spec.aliases,
                emails=spec.emails,
                phones=spec.phones,
                address=spec.address or None,
                notes=spec.notes,
            )
        return self.made[key]

    def party(self, key: str, role: str, by: User) -> PartyInput:
        contact = self.contact(key, by)
        return PartyInput(name=contact.name, kind=contact.kind, role=role, contact_id=contact.pk)

    def note_for(self, hit: ConflictHitRecord, target_ids: set[int]) -> str:
        matter = hit.matter_number or "file"
        org = hit.contact is not None and hit.contact.kind == "organization"
        if hit.contact_id in target_ids:
            what = "client" if "client" in hit.role else "company" if org else "person"
            return CLEARED_SAME.format(what=what, matter=matter)
        if hit.role in ("judge", "opposing-counsel", "expert", "witness"):
            return CLEARED_ROLE.format(role=hit.role.replace("-", " ").capitalize(), matter=matter)
        return CLEARED_OTHER.format(
            what="company" if org else "person",
            how="registered address and officers" if org else "address and date of birth",
        )

    def dispose(self, spec: MatterSpec, matter: Matter, rng: random.Random) -> bool:
        """Decide every hit like the responsible attorney would. True when the check ends in decline."""
        reviewer = self.users[spec.attorney]
        conflict = self.made.get(spec.conflict_with) if spec.conflict_with else None
        waiver = self.made.get(spec.waiver_with) if spec.waiver_with else None
        target_ids = set(matter.parties.values_list("contact_id", flat=True))
        hits = list(
            ConflictHitRecord.objects.filter(conflict_check__matter=matter).select_related(
                "contact"
            )
        )
        self.hits += len(hits)
        if spec.leave_pending:
            hits = hits[: rng.randint(0, len(hits) // 2)] if hits else []
        declined = False
        for hit in hits:
            if conflict is not None and hit.contact_id == conflict.pk and "client" in hit.role:
                conflict_hit_dispose(
                    by=reviewer,
                    hit=hit,
                    disposition=Disposition.DECLINE,
                    note=DECLINE_NOTE.format(name=hit.name, matter=hit.matter_number),
                )
                declined = True
            elif waiver is not None and hit.contact_id == waiver.pk and "client" in hit.role:
                conflict_hit_dispose(
                    by=reviewer,
                    hit=hit,
                    disposition=Disposition.WAIVER,
                    note=WAIVER_NOTE.format(
                        matter=hit.matter_number,
                        name=hit.name,
                        date=(spec.intake_on + dt.timedelta(days=rng.randint(1, 5))).isoformat(),
                    ),
                )
                self.waivers += 1
            else:
                conflict_hit_dispose(
                    by=reviewer,
                    hit=hit,
                    disposition=Disposition.CLEARED,
                    note=self.note_for(hit, target_ids),
                )
        return declined

    def matter(self, spec: MatterSpec) -> Matter:
        rng = random.Random(self.seed * 100_003 + spec.index)
        secretary = self.users[spec.team[0][0]]
        client = self.party(spec.client, "client", secretary)
        others = [self.party(key, role, secretary) for role, key in spec.parties]
        matter = intake_create(
            by=secretary,
            title=spec.title,
            practice_area=spec.area,
            client=client,
            other_parties=others,
            court=spec.court,
            case_number=spec.case_number,
            judge=spec.judge,
            responsible_attorney=self.users[spec.attorney],
            number=spec.number,
        )
        declined = self.dispose(spec, matter, rng)
        attorney = self.users[spec.attorney]
        if spec.status in (MatterStatus.OPEN, MatterStatus.CLOSED):
            matter = matter_open(by=attorney, matter=matter)
            matter_dates_set(
                by=attorney, matter=matter, intake_on=spec.intake_on, opened_on=spec.opened_on
            )
            if spec.status == MatterStatus.CLOSED:
                matter = matter_close(by=secretary, matter=matter, closed_on=spec.closed_on)
        elif spec.status == MatterStatus.DECLINED:
            reason = CONFLICT_DECLINE_REASON if declined else spec.decline_reason
            matter = matter_decline(by=attorney, matter=matter, reason=reason)
            matter_dates_set(
                by=attorney, matter=matter, intake_on=spec.intake_on, closed_on=spec.closed_on
            )
        if spec.status in (MatterStatus.OPEN, MatterStatus.CLOSED, MatterStatus.INTAKE):
            for username, role in spec.team:
                team_member_add(by=secretary, matter=matter, user=self.users[username], role=role)
        self.numbers.setdefault(spec.client, matter.number)
        return matter


def demo_load(
    *,
    seed: int = 7,
    clients: int = 150,
    matters: int = 300,
    progress: Progress | None = None,
    reset: bool = False,
) -> DemoSummary:
    """Build the fictional demo firm through the services. Refuses a firm that has matters unless ``reset``.

    Deterministic for a seed (same people, matters, numbers, statuses and dispositions).
    """
    started = time.perf_counter()
    plan = plan_firm(seed=seed, clients=clients, matters=matters)
    total = len(plan.matters) + 2
    with transaction.atomic():
        if not reset and (Matter.objects.exists() or Contact.objects.exists()):
            raise ServiceError(
                f"This firm already has {Matter.objects.count()} matters and {Contact.objects.count()} contacts. "
                "The demo firm loads only into an empty firm: use a new data directory, or --reset to delete "
                "every matter and contact first (the audit log is kept)."
            )
        users = _users()
        if reset:
            demo_reset(by=users[ADMIN])
        loader = _Loader(plan, users, seed)
        if progress:
            progress(1, total)
        historic = [m for m in plan.matters if m.status != MatterStatus.INTAKE]
        current = [m for m in plan.matters if m.status == MatterStatus.INTAKE]
        walled: Matter | None = None
        done = 1
        for spec in historic:
            made = loader.matter(spec)
            if spec.walled:
                walled = made
            done += 1
            if progress:
                progress(done, total)
        clerk = users["farah.clerk"]
        for key in plan.extra_contacts:
            loader.contact(key, clerk)
        for a, kind, b in plan.relationships:
            try:
                contact_relationship_add(
                    by=clerk,
                    from_contact=loader.contact(a, clerk),
                    kind=kind,
                    to_contact=loader.contact(b, clerk),
                )
            except ServiceError:
                continue  # the reverse of one already recorded
        for spec in current:
            loader.matter(spec)
            done += 1
            if progress:
                progress(done, total)
        if walled is not None:
            wall_create(
                by=users[ADMIN], matter=walled, user=users[WALLED_ATTORNEY], reason=WALL_REASON
            )
        demo_calendar(users=users, seed=seed)
        demo_documents(users=users)
        demo_drafting(users=users)
        demo_chronology(users=users)
        statuses = dict.fromkeys(MatterStatus.values, 0)
        for status in Matter.objects.values_list("status", flat=True):
            statuses[status] += 1
        summary = DemoSummary(
            seed=seed,
            users={u.username: u.role for u in users.values()},
            password=DEMO_PASSWORD,
            clients=len({m.client for m in plan.matters}),
            contacts=Contact.objects.count(),
            matters=sum(statuses.values()),
            by_status=statuses,
            hits=loader.hits,
            waivers=loader.waivers,
            walled_matter=walled.number if walled else "",
        )
        audit_record(
            actor=users[ADMIN],
            action="import",
            object_type="firm",
            summary=f"Loaded the demo firm (seed {seed}): {summary.matters} matters, {summary.contacts} contacts",
            data={
                "seed": seed,
                "matters": summary.matters,
                "contacts": summary.contacts,
                "aliases": ContactAlias.objects.count(),
            },
        )
    if progress:
        progress(total, total)
    summary.seconds = time.perf_counter() - started
    return summary
