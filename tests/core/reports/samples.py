"""A filled-in case report for the core report tests (and the PDF tests of the web app)."""

from __future__ import annotations

import datetime as dt

from casedesk.core.reports.model import (
    Authority,
    CaseReport,
    Chronology,
    ConflictHit,
    ConflictSummary,
    Deadline,
    Deadlines,
    DocumentEntry,
    Fact,
    KeyDate,
    OpenTask,
    Party,
    Summary,
)

VIETNAMESE = "Nguyễn Thị Minh Khai"
ARABIC = "شركة النور للتجارة"
WHEN = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)


def sample_report(
    *, facts: int = 6, documents: int = 5, sections: tuple[str, ...] | None = None
) -> CaseReport:
    """A report on "Delgado v. Acme Holdings" with a Vietnamese client and an Arabic party."""
    fact_rows = [
        Fact(
            date="Mar. 5, 2024",
            year="2024",
            description=f"{VIETNAMESE} signs the master services agreement with Acme.",
            people=(VIETNAMESE, "Acme Holdings, Inc."),
            issues=("Contract formation",),
            source="Master services agreement",
            page="1",
            bates="ACME000001",
            material=True,
            entered_by="Cleo Clerk",
        ),
        Fact(
            date="c. 2019",
            year="2019",
            description=f"{ARABIC} begins supplying the warehouse.",
            people=(ARABIC,),
            disputed=True,
        ),
        Fact(date="Undated", year="", description="The warehouse roof leaks (date unknown)."),
    ]
    for i in range(max(0, facts - len(fact_rows))):
        fact_rows.append(
            Fact(
                date=f"Apr. {1 + i % 28}, 2025",
                year="2025",
                description=f"Follow-up letter number {i + 1} about the unpaid invoice.",
                source="Correspondence file",
                page=str(i + 1),
            )
        )
    fact_rows.sort(key=lambda f: (f.year == "", f.year))
    docs = [
        DocumentEntry(
            title=f"{'Hợp đồng thuê kho' if i == 0 else f'Letter {i}'}",
            category="Correspondence" if i else "Contracts",
            date=dt.date(2024, 3, 5) + dt.timedelta(days=i),
            bates=f"ACME{i + 1:06d}" if i % 2 == 0 else "",
            privileged=i == 1,
        )
        for i in range(documents)
    ]
    docs.sort(key=lambda d: d.category)
    kwargs = {} if sections is None else {"sections": sections}
    return CaseReport(
        firm_name="Ruiz & Tran LLP",
        matter_number="2027-0042",
        matter_title="Delgado v. Acme Holdings",
        prepared_by="Cleo Clerk",
        prepared_at=WHEN,
        summary=Summary(
            number="2027-0042",
            title="Delgado v. Acme Holdings",
            court="United States District Court\nDistrict of Arizona",
            case_number="2:27-cv-01234",
            judge="Hon. Maria Ruiz",
            status="Open",
            practice_area="Civil litigation",
            responsible_attorney="Ada Attorney",
            opened_on=dt.date(2027, 1, 5),
            description="Breach of a warehouse services contract.\nClient seeks damages.",
            team=("Ada Attorney (lead)", "Cleo Clerk (clerk)"),
        ),
        parties=(
            Party(name=VIETNAMESE, role="Client", kind="Person", client=True),
            Party(
                name=ARABIC, role="Adverse party", kind="Organization", aliases=("Al Noor Trading",)
            ),
        ),
        conflicts=ConflictSummary(
            status="Completed: cleared",
            run_at=WHEN,
            run_by="Ada Attorney",
            trigger="Intake",
            completed_by="Ada Attorney",
            completed_at=WHEN,
            names_checked=(VIETNAMESE, ARABIC),
            total=2,
            decided=2,
            redacted=1,
            hits=(
                ConflictHit(
                    name="Minh Khai Nguyen",
                    role="former client",
                    matter_number="2021-0007",
                    disposition="Cleared: not a conflict",
                    decided_by="Ada Attorney",
                ),
                ConflictHit(name="", redacted=True, disposition="Cleared: not a conflict"),
            ),
        ),
        deadlines=Deadlines(
            key_dates=(
                KeyDate(day=dt.date(2027, 3, 10), label="Complaint served", note="Federal court"),
            ),
            upcoming=(
                Deadline(
                    when=dt.datetime(2027, 3, 31, tzinfo=dt.UTC),
                    all_day=True,
                    kind="Deadline",
                    title="Answer due",
                    rule_citation="Fed. R. Civ. P. 12(a)(1)(A)(i)",
                    derivation=("Trigger: Mar. 10, 2027", "+21 days → Mar. 31, 2027"),
                    chain="Complaint served",
                ),
            ),
        ),
        chronology=Chronology(
            facts=tuple(fact_rows),
            total=len(fact_rows),
            material=1,
            disputed=1,
            undated=1,
            issues=(("Contract formation", 1),),
        ),
        documents=tuple(docs),
        authorities=(
            Authority(
                name="Roe v. Wade",
                citation="410 U.S. 113",
                court="scotus",
                year="1973",
                notes="Privacy",
                tags=("privacy",),
            ),
        ),
        tasks=(
            OpenTask(
                title="Draft the answer",
                due=dt.date(2027, 3, 25),
                assignee="Ada Attorney",
                deadline="Answer due",
            ),
        ),
        **kwargs,
    )
