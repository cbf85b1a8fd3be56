"""The demo firm's *plan*: who the clients are, which matters they bring, who sits across the
table. Pure Python driven by one seeded :class:`random.Random`, so a seed always gives the same
firm; :mod:`casedesk.web.demo.loader` then carries the plan out through the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casedesk.web.demo import names as N
from casedesk.web.demo.catalog import (
    ATTORNEYS,
    CLERKS,
    COURTS,
    DECLINE_REASONS,
    JUDGE_NAMES,
    SECRETARIES,
    WALLED_ATTORNEY,
    WALLED_LEAD,
)
from casedesk.web.demo.composer import Composer, ContactSpec

AREAS = (
    "litigation",
    "employment",
    "family",
    "estate",
    "real-estate",
    "corporate",
    "personal-injury",
    "immigration",
    "criminal",
    "bankruptcy",
    "ip",
    "landlord-tenant",
)
PERSON_AREAS = (
    "family",
    "estate",
    "personal-injury",
    "immigration",
    "criminal",
    "employment",
    "landlord-tenant",
    "bankruptcy",
    "litigation",
    "real-estate",
)
ORG_AREAS = (
    "corporate",
    "ip",
    "litigation",
    "employment",
    "real-estate",
    "landlord-tenant",
    "bankruptcy",
)
AREA_COURTS = {
    "litigation": ("ndcal", "cdcal", "sdny", "sdtx", "la", "sf", "ny", "harris", "cook"),
    "employment": ("ndcal", "la", "alameda", "harris", "ny"),
    "family": ("la-family", "alameda", "ny", "harris"),
    "personal-injury": ("la", "sf", "ny", "harris", "cook"),
    "immigration": ("eoir-sf",),
    "criminal": ("sf-criminal", "harris-criminal", "ny"),
    "bankruptcy": ("bk-ndcal",),
    "ip": ("ndcal", "cdcal", "ttab"),
    "landlord-tenant": ("la-ud", "sf"),
}
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 7), dt.date(2025, 11, 28)


@dataclass
class MatterSpec:
    index: int
    area: str
    client: str  # contact key
    status: str  # final status: intake | open | closed | declined
    intake_on: dt.date
    title: str = ""
    number: str | None = None
    parties: list[tuple[str, str]] = field(default_factory=list)  # (role, contact key)
    court: str = ""
    case_number: str = ""
    judge: str = ""
    attorney: str = ""
    team: list[tuple[str, str]] = field(default_factory=list)  # (username, team role)
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    decline_reason: str = ""
    conflict_with: str = ""  # contact key of a current client planted as adverse (-> decline)
    waiver_with: str = ""  # contact key of a former client planted as adverse (-> waiver)
    walled: bool = False
    leave_pending: bool = False


@dataclass
class FirmPlan:
    contacts: dict[str, ContactSpec]
    matters: list[MatterSpec]  # historic ones in processing order, then current intakes
    relationships: list[tuple[str, str, str]]  # (from key, kind, to key)
    extra_contacts: list[str]  # contacts on file with no matter (law firms, officers...)


class Planner(Composer):
    """Composes the firm. One instance per load; all randomness comes from ``rng``."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.relationships: list[tuple[str, str, str]] = []
        self.extra: list[str] = []

    def plan(self, *, clients: int, matters: int) -> FirmPlan:
        rng = self.rng
        judges: dict[str, list[str]] = {}
        names = list(JUDGE_NAMES)
        rng.shuffle(names)
        for n, key in enumerate(COURTS):
            judges[key] = []
            for j in range(2):
                name = names[(2 * n + j) % len(names)]
                spec = next(
                    (c for c in self.contacts.values() if c.name == name), None
                ) or self._add("person", name, name.split()[-1])
                judges[key].append(spec.key)
        firms = [self._add("organization", f, f.split()[0]) for f in N.LAW_FIRMS]
        counsel = []
        for n in range(max(8, min(24, matters // 10))):
            person = self.person(
                rng.choice(("anglo", "hispanic", "other", "chinese", "hyphenated")), full=False
            )
            counsel.append(person.key)
            self.relationships.append((person.key, "employee-of", firms[n % len(firms)].key))
        self.extra.extend(f.key for f in firms)
        experts = [self.person("anglo", full=False).key for _ in range(5)]
        experts += [
            self.organization("Forensic Engineering").key,
            self.organization("Economic Consulting").key,
        ]
        repeat = [
            self.fixed_org(name, name.split(",")[0].rsplit(" ", 1)[0], [(abbr, "abbreviation")]).key
            for name, abbr in N.REPEAT_ADVERSARIES
        ]
        coops = [self.fixed_org(name, name) for name in N.COOPERATIVES]
        dhs = self.fixed_org(
            "U.S. Department of Homeland Security", "DHS", [("DHS", "abbreviation")]
        ).key
        prosecutors = {
            "CA": self.fixed_org("People of the State of California", "People").key,
            "TX": self.fixed_org("State of Texas", "State of Texas").key,
            "NY": self.fixed_org("People of the State of New York", "People").key,
        }

        # Clients: the first is the walled matter's client; a few cooperatives; 60 % people.
        walled_client = self.fixed_org("Meridian Biotech, Inc.", "Meridian Biotech")
        client_keys = [walled_client.key] + [c.key for c in coops][: max(0, min(3, clients - 1))]
        while len(client_keys) < clients:
            client_keys.append((self.person() if rng.random() < 0.6 else self.organization()).key)

        # Matters per client: everyone gets one (the walled client exactly one), the rest at random.
        owners = list(client_keys[:matters])
        owners += [rng.choice(client_keys[1:] or client_keys) for _ in range(matters - len(owners))]
        rng.shuffle(owners)
        if walled_client.key in owners:
            owners.remove(walled_client.key)
            owners.insert(min(5, len(owners)), walled_client.key)
        required = list(AREAS)
        specs: list[MatterSpec] = []
        for index, owner in enumerate(owners):
            kind = self.contacts[owner].kind
            allowed = PERSON_AREAS if kind == "person" else ORG_AREAS
            forced = "ip" if owner == walled_client.key else ("litigation" if index == 0 else "")
            pick = forced or next((a for a in required if a in allowed), None)
            area = pick or rng.choice(allowed)
            if area in required:
                required.remove(area)
            status = rng.choices(("open", "closed", "declined", "intake"), weights=(52, 32, 7, 9))[
                0
            ]
            day = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
            spec = MatterSpec(index=index, area=area, client=owner, status=status, intake_on=day)
            if forced:
                spec.status, spec.walled = "open", owner == walled_client.key
            specs.append(spec)
        historic = sorted(
            (s for s in specs if s.status != "intake"), key=lambda s: (s.intake_on, s.index)
        )
        current = [s for s in specs if s.status == "intake"]
        per_year: dict[int, int] = {}
        for spec in historic:
            year = spec.intake_on.year
            per_year[year] = per_year.get(year, 0) + 1
            spec.number = f"{year}-{per_year[year]:04d}"
        finished: list[MatterSpec] = []
        for spec in historic:
            self._fill(spec, judges, counsel, experts, repeat, dhs, prosecutors, finished)
            finished.append(spec)
        self._relationships(client_keys, specs)
        officers = [a for a, kind, _ in self.relationships if kind == "officer-of"]
        for n, spec in enumerate(current):
            spec.leave_pending = n % 3 != 2
            self._fill(spec, judges, counsel, experts, repeat, dhs, prosecutors, finished)
            if officers and n % 4 == 0:
                spec.parties.append(("adverse-party", officers[n % len(officers)]))
        return FirmPlan(self.contacts, historic + current, self.relationships, self.extra)

    def _fill(
        self,
        spec: MatterSpec,
        judges: dict[str, list[str]],
        counsel: list[str],
        experts: list[str],
        repeat: list[str],
        dhs: str,
        prosecutors: dict[str, str],
        earlier: list[MatterSpec],
    ) -> None:
        rng = self.rng
        client = self.contacts[spec.client]
        parties = spec.parties
        area = spec.area
        year = spec.intake_on.year
        court_key = rng.choice(AREA_COURTS[area]) if area in AREA_COURTS else ""
        court = COURTS.get(court_key)
        has_case = court is not None and (
            area not in ("employment", "immigration") or rng.random() < 0.7
        )

        def new_person(**kw: object) -> str:
            return self.person(full=rng.random() < 0.5, **kw).key  # type: ignore[arg-type]

        if spec.walled:
            adverse = self.fixed_org(
                "Castellano Pharmaceuticals S.p.A.", "Castellano Pharmaceuticals"
            )
            parties += [
                ("adverse-party", adverse.key),
                ("opposing-counsel", self.person("other", full=False).key),
                ("witness", self.person("anglo", full=False).key),
                ("expert", experts[0]),
            ]
            spec.title = f"Walled: {client.caption} v. {adverse.caption} (trade secrets)"
            court = COURTS["ndcal"]
            has_case = True
        elif area in ("litigation", "ip", "personal-injury", "employment"):
            if area == "personal-injury":
                adverse = self.contacts[new_person()]
                if rng.random() < 0.5 or spec.index == 0:
                    parties.append(("related-party", rng.choice(repeat[:2])))
                kind_words = rng.choice(
                    ("auto collision", "premises liability", "dog bite", "slip and fall")
                )
            elif area == "employment" and client.kind == "person":
                adverse = self.contacts[
                    rng.choice(repeat[5:]) if rng.random() < 0.3 else self.organization().key
                ]
                kind_words = rng.choice(
                    ("wrongful termination", "wage and hour", "discrimination", "retaliation")
                )
            else:
                adverse = self.contacts[
                    self.organization().key if rng.random() < 0.6 else new_person()
                ]
                kind_words = {
                    "ip": rng.choice(("trademark infringement", "copyright", "trade dress")),
                    "employment": rng.choice(("wage and hour", "non-compete")),
                }.get(
                    area,
                    rng.choice(
                        ("breach of contract", "fraud", "unfair competition", "partnership dispute")
                    ),
                )
            plaintiff = rng.random() < 0.6
            first, second = (client, adverse) if plaintiff else (adverse, client)
            spec.title = f"{first.caption} v. {second.caption} ({kind_words})"
            parties.append(("adverse-party", adverse.key))
            if rng.random() < 0.5 or spec.index == 0:
                parties.append(("witness", new_person()))
            if rng.random() < 0.3 or spec.index == 0:
                parties.append(("expert", rng.choice(experts)))
            if rng.random() < 0.12 or spec.index == 0:
                parties.append(
                    ("co-party", new_person() if rng.random() < 0.5 else self.organization().key)
                )
        elif area == "family":
            shared = (
                client.caption.split("-")[-1]
                if rng.random() < 0.5 and client.kind == "person"
                else ""
            )
            spouse = (
                self.person("anglo", surname=shared, full=False)
                if shared and " " not in shared
                else self.person(full=False)
            )
            parties.append(("adverse-party", spouse.key))
            self.relationships.append((spec.client, "spouse-of", spouse.key))
            spec.title = f"In re Marriage of {client.caption} and {spouse.caption}"
        elif area == "estate":
            if rng.random() < 0.5:
                spec.title = f"Estate plan: {client.name}"
                court = None
            else:
                decedent = self.person(full=False)
                parties.append(("related-party", decedent.key))
                spec.title = f"Estate of {decedent.name} (probate)"
                court, has_case = COURTS["la-probate"], True
            parties.append(("related-party", new_person()))
        elif area == "real-estate":
            other = (
                self.organization(rng.choice(("Properties", "Realty", "Holdings")))
                if rng.random() < 0.6
                else self.person(full=False)
            )
            parties.append(("adverse-party", other.key))
            if rng.random() < 0.15:
                parties.append(("related-party", repeat[2]))
            spec.title = rng.choice(
                ("Purchase of {s} from {o}", "Sale of {s} to {o}", "Lease of {s} to {o}")
            ).format(s=f"{rng.randint(10, 9899)} {rng.choice(N.STREETS)}", o=other.caption)
        elif area == "corporate":
            target = self.organization()
            parties.append(("adverse-party", target.key))
            spec.title = rng.choice(
                (
                    "{c}: acquisition of {t}",
                    "{c}: supply agreement with {t}",
                    "{c}: joint venture with {t}",
                    "{c}: Series A financing led by {t}",
                )
            ).format(c=client.caption, t=target.caption)
        elif area == "immigration":
            if rng.random() < 0.4:
                parties.append(("adverse-party", dhs))
                spec.title = f"{client.name}: removal defense"
            else:
                employer = self.organization()
                parties.append(("co-party", employer.key))
                spec.title = f"{client.name}: {rng.choice(('H-1B petition', 'adjustment of status', 'O-1 petition'))}"
                court = None
        elif area == "criminal":
            state = court.state if court else "CA"
            parties.append(("adverse-party", prosecutors[state]))
            parties.append(("witness", new_person()))
            spec.title = {
                "CA": "People v. {c}",
                "TX": "State of Texas v. {c}",
                "NY": "People v. {c}",
            }[state].format(c=client.caption)
        elif area == "bankruptcy":
            creditors = [
                rng.choice(repeat[2:5]),
                self.organization(rng.choice(("Capital Partners", "Medical Supply"))).key,
            ]
            parties += [("adverse-party", k) for k in creditors]
            spec.title = f"In re {client.caption} (Chapter {rng.choice(('7', '11', '13') if client.kind == 'person' else ('7', '11'))})"
        elif area == "landlord-tenant":
            if client.kind == "person":
                landlord = repeat[3] if rng.random() < 0.3 else self.organization("Properties").key
                parties.append(("adverse-party", landlord))
                spec.title = (
                    f"{self.contacts[landlord].caption} v. {client.caption} (unlawful detainer)"
                )
            else:
                tenant = self.person(full=False)
                parties.append(("adverse-party", tenant.key))
                spec.title = f"{client.caption} v. {tenant.caption} (unlawful detainer)"
        if court is not None and has_case:
            spec.court = court.name
            spec.case_number = court.case_number(rng, year)
            judge = rng.choice(judges[court.key])
            spec.judge = f"Hon. {self.contacts[judge].name}"
            # The judge is named as a party on some matters only (firms differ on this), which
            # also keeps the number of conflict hits to review realistic.
            if spec.index == 0 or rng.random() < 0.25:
                parties.append(("judge", judge))
            if area != "criminal" or rng.random() < 0.5:
                parties.append(("opposing-counsel", self._counsel(counsel)))
        elif spec.index == 0 or rng.random() < 0.4:
            parties.append(("opposing-counsel", self._counsel(counsel)))
        if area == "criminal":
            parties.append(("opposing-counsel", self.person(full=False).key))

        # Planted conflicts: a current client as the adverse party (declined), a former client (waiver).
        if spec.status == "declined" and rng.random() < 0.5 and not spec.walled:
            current = [
                m.client
                for m in earlier
                if m.status == "open" and m.client != spec.client and not m.walled
            ]
            if current:
                spec.conflict_with = rng.choice(current)
                parties.append(("adverse-party", spec.conflict_with))
        elif spec.status in ("open", "closed") and rng.random() < 0.05 and not spec.walled:
            former = [
                m.client
                for m in earlier
                if m.status == "closed"
                and m.client != spec.client
                and all(o.client != m.client or o.status == "closed" for o in earlier)
            ]
            if former:
                spec.waiver_with = rng.choice(former)
                parties.append(("adverse-party", spec.waiver_with))
        spec.parties = list(dict.fromkeys(p for p in parties if p[1] != spec.client))

        spec.attorney = WALLED_LEAD if spec.walled else rng.choice(ATTORNEYS)
        spec.team = [(rng.choice(SECRETARIES), "secretary")]
        if rng.random() < 0.6:
            spec.team.append((rng.choice(CLERKS), "clerk"))
        if rng.random() < 0.2:
            second = rng.choice([a for a in ATTORNEYS if a != spec.attorney])
            if not (spec.walled and second == WALLED_ATTORNEY):
                spec.team.append((second, "attorney"))
        if spec.status in ("open", "closed"):
            spec.opened_on = min(spec.intake_on + dt.timedelta(days=rng.randint(2, 30)), LAST_DAY)
            if spec.status == "closed":
                closed = spec.opened_on + dt.timedelta(days=rng.randint(45, 900))
                if closed > LAST_DAY:
                    spec.status = "open"
                else:
                    spec.closed_on = closed
        elif spec.status == "declined":
            spec.closed_on = spec.intake_on + dt.timedelta(days=rng.randint(1, 14))
            spec.decline_reason = rng.choice(DECLINE_REASONS)

    def _counsel(self, pool: list[str]) -> str:
        """Opposing counsel: now and then a lawyer the firm has met before, usually someone new."""
        if self.rng.random() < 0.3:
            return self.rng.choice(pool)
        return self.person(
            self.rng.choice(("anglo", "hispanic", "other", "chinese", "hyphenated")), full=False
        ).key

    def _relationships(self, client_keys: list[str], specs: list[MatterSpec]) -> None:
        rng = self.rng
        orgs = [k for k in client_keys if self.contacts[k].kind == "organization"]
        people = [k for k in client_keys if self.contacts[k].kind == "person"]
        for key in orgs:
            roll = rng.random()
            if roll < 0.3:
                officer = self.person(full=False)
                self.relationships.append((officer.key, "officer-of", key))
                self.extra.append(officer.key)
            elif roll < 0.42:
                sub = self.organization()
                self.relationships.append((key, "parent-of", sub.key))
                self.extra.append(sub.key)
            elif roll < 0.5 and people:
                self.relationships.append((rng.choice(people), "employee-of", key))
        for a, b in zip(people[::7], people[3::7], strict=False):
            if a != b:
                self.relationships.append((a, "spouse-of", b))
        if len(orgs) > 3:
            self.relationships.append((orgs[1], "affiliate-of", orgs[2]))
        self.relationships = list(dict.fromkeys(self.relationships))


def plan_firm(*, seed: int, clients: int, matters: int) -> FirmPlan:
    """The whole demo firm for ``seed``: the same seed gives the same firm."""
    if clients < 1 or matters < 1:
        raise ValueError("The demo firm needs at least one client and one matter.")
    return Planner(seed).plan(clients=clients, matters=matters)
