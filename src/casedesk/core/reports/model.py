"""The preliminary case report as plain data: what each section says, nothing about layout.

The web app fills a :class:`CaseReport` from the firm's records through its selectors (so it
holds only what the reader may see); :mod:`casedesk.core.reports.word` writes it as Word and
the web app's template lays it out for WeasyPrint. A section the reader did not choose is
left out of :attr:`CaseReport.sections`; a chosen section with nothing in it says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# (key, heading) in the order the report prints them.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Caption and summary"),
    ("parties", "Clients and parties"),
    ("conflicts", "Conflict check"),
    ("deadlines", "Key dates and deadlines"),
    ("chronology", "Chronology of facts"),
    ("documents", "Case file index"),
    ("authorities", "Authorities"),
    ("tasks", "Open tasks"),
)
SECTION_KEYS: tuple[str, ...] = tuple(key for key, _ in SECTIONS)
SECTION_TITLES: dict[str, str] = dict(SECTIONS)
PRIVILEGE_LEGEND = "Privileged & Confidential — Attorney Work Product"


def section_order(keys: object) -> tuple[str, ...]:
    """The known section keys among ``keys``, in report order, each once."""
    chosen = {str(k) for k in keys} if isinstance(keys, (list, tuple, set, frozenset)) else set()
    return tuple(key for key in SECTION_KEYS if key in chosen)


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """The caption and the matter's particulars."""

    number: str
    title: str
    court: str = ""
    case_number: str = ""
    judge: str = ""
    status: str = ""
    practice_area: str = ""
    responsible_attorney: str = ""
    intake_on: datetime.date | None = None
    opened_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    description: str = ""
    team: tuple[str, ...] = ()

    @property
    def court_lines(self) -> tuple[str, ...]:
        """The court as printed in a caption, one line per line of the stored text."""
        return tuple(line.strip() for line in self.court.splitlines() if line.strip())


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """A person or organization on the matter, in one role."""

    name: str
    role: str
    kind: str = ""
    aliases: tuple[str, ...] = ()
    notes: str = ""
    client: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictHit:
    """One possible conflict of the latest check, as the reader may see it."""

    name: str
    role: str = ""
    matter_number: str = ""
    disposition: str = ""
    decided_by: str = ""
    note: str = ""
    score: int = 0
    redacted: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictSummary:
    """The latest conflict check of the matter: result, who cleared it and when, its hits."""

    status: str
    run_at: datetime.datetime
    run_by: str = ""
    trigger: str = ""
    completed_by: str = ""
    completed_at: datetime.datetime | None = None
    names_checked: tuple[str, ...] = ()
    total: int = 0
    decided: int = 0
    declined: int = 0
    redacted: int = 0
    hits: tuple[ConflictHit, ...] = ()
    checks_run: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyDate:
    """A date that frames the case: intake, opening, a trigger (complaint served...)."""

    day: datetime.date
    label: str
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline:
    """A calendared deadline, hearing or other event, with the rule that set it."""

    when: datetime.datetime
    all_day: bool
    kind: str
    title: str
    status: str = ""
    overdue: bool = False
    location: str = ""
    rule_citation: str = ""
    derivation: tuple[str, ...] = ()
    chain: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadlines:
    key_dates: tuple[KeyDate, ...] = ()
    upcoming: tuple[Deadline, ...] = ()
    overdue: tuple[Deadline, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """One fact of the chronology as the report prints it."""

    date: str
    description: str
    year: str = ""  # the group the fact is listed under ("2024", "Undated")
    people: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    source: str = ""
    page: str = ""
    bates: str = ""
    material: bool = False
    disputed: bool = False
    entered_by: str = ""

    @property
    def source_text(self) -> str:
        """ "Demand letter, p. 3 (ACME000123)" — the document, page and Bates it came from."""
        text = self.source
        if self.page:
            text = f"{text}, p. {self.page}" if text else f"p. {self.page}"
        if self.bates:
            text = f"{text} ({self.bates})" if text else self.bates
        return text


@dataclass(frozen=True, slots=True, kw_only=True)
class Chronology:
    facts: tuple[Fact, ...] = ()
    material_only: bool = False
    total: int = 0  # facts on the matter the reader may see, before "material only"
    material: int = 0
    disputed: int = 0
    undated: int = 0
    issues: tuple[tuple[str, int], ...] = ()  # (issue, facts listed with it), most first


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentEntry:
    """One document of the case file index."""

    title: str
    category: str = ""
    date: datetime.date | None = None
    bates: str = ""
    privileged: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Authority:
    """An authority saved to the matter from research."""

    name: str
    citation: str
    court: str = ""
    year: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenTask:
    title: str
    due: datetime.date | None = None
    assignee: str = ""
    overdue: bool = False
    deadline: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseReport:
    """Everything one report prints. ``sections`` are the chosen ones, in report order."""

    firm_name: str
    matter_number: str
    matter_title: str
    prepared_by: str
    prepared_at: datetime.datetime
    sections: tuple[str, ...] = SECTION_KEYS
    title: str = "Preliminary case report"
    summary: Summary | None = None
    parties: tuple[Party, ...] = ()
    conflicts: ConflictSummary | None = None
    deadlines: Deadlines | None = None
    chronology: Chronology | None = None
    documents: tuple[DocumentEntry, ...] = ()
    authorities: tuple[Authority, ...] = ()
    tasks: tuple[OpenTask, ...] = ()

    def has(self, section: str) -> bool:
        return section in self.sections

    @property
    def headline(self) -> str:
        """ "2027-0042 · Delgado v. Acme Holdings" for running headers."""
        return f"{self.matter_number} · {self.matter_title}"

    @property
    def row_count(self) -> int:
        """How many table rows the long sections hold (what the layout's cost grows with)."""
        facts = len(self.chronology.facts) if self.chronology and self.has("chronology") else 0
        documents = len(self.documents) if self.has("documents") else 0
        return facts + documents
