"""The CSV layouts casedesk reads, and the checks every row gets before anything is saved.

casedesk contacts (one contact per line; the column titles are matched ignoring case, spaces
and punctuation)::

    kind,name,aliases,email,phone,street,city,region,postal_code,country,notes

- ``kind``: ``person`` or ``organization`` (also accepted: individual, company, org).
- ``aliases``: other names separated by ``;``; prefix one with its kind to say what it is:
  ``maiden:Ana Ruiz; dba:Sunrise Bakery; abbreviation:PCG; nickname:Bob; former:Old Name``.
- ``email`` and ``phone``: one or more, separated by ``;``.

casedesk matters::

    number,title,practice_area,status,client,client_kind,court,case_number,judge,
    responsible_attorney,opened_on,closed_on,adverse_parties,parties

optional: ``intake_on``, ``description``, ``decline_reason``.

- ``number`` may be blank (the next number is given); it must not repeat in the file or the firm.
- ``practice_area``: the code (``personal-injury``), its name ("Personal injury") or its
  matter-number code (``PI``). ``status``: intake, open, closed or declined.
- ``responsible_attorney``: the casedesk user name (or full name) of an attorney; required
  for open and closed matters.
- dates: ``YYYY-MM-DD`` or ``MM/DD/YYYY``.
- ``adverse_parties``: names separated by ``;``. ``parties``: ``role:name`` separated by ``;``
  with role one of co-party, witness, expert, judge, opposing-counsel, related-party,
  adverse-party, client. A party is a person or an organization by its name (Inc., LLC,
  Bank, County... mean organization) unless a contact of that exact name already exists.

Clio contacts (the column titles of a Clio Manage contacts export or migration template)::

    Prefix, First Name, Middle Name, Last Name, Suffix, Company, Title (job title),
    Email Address / Primary Email Address / email_address, Primary Phone Number / primary_phone,
    Business Street / Street / Address, City, State, Zip / Postal Code, Country, Notes, Type

Mapping: a line with a first or last name is a person named "First Middle Last, Suffix"; the
prefix (Mr, Dr...) and job title go into the notes; a person with a Company is linked to it
(``officer-of`` when the title is an officer's, else ``employee-of``), the company being
created if the firm does not know it. A line with only a Company is an organization.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from casedesk.core.conflicts import guess_kind
from casedesk.web.contacts.models import AliasKind
from casedesk.web.errors import ServiceError, clean_name
from casedesk.web.matters.models import MatterStatus, PartyRole, PracticeArea
from casedesk.web.matters.numbering import AREA_CODES
from casedesk.web.transfer.csvio import CsvRow, column_key, split_list

CONTACT_COLUMNS = (
    "kind",
    "name",
    "aliases",
    "email",
    "phone",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "notes",
)
MATTER_COLUMNS = (
    "number",
    "title",
    "practice_area",
    "status",
    "client",
    "client_kind",
    "court",
    "case_number",
    "judge",
    "responsible_attorney",
    "opened_on",
    "closed_on",
    "adverse_parties",
    "parties",
)
CLIO_CONTACT_COLUMNS = (
    "Prefix",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Title",
    "Email Address",
    "Primary Phone Number",
    "Street",
    "City",
    "State",
    "Zip",
    "Country",
    "Notes",
)


def _keys(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(column_key(n) for n in names))


REQUIRED_CONTACT = (_keys("kind"), _keys("name"))
REQUIRED_MATTER = (_keys("title"), _keys("practice_area"), _keys("status"), _keys("client"))
REQUIRED_CLIO = (_keys("First Name", "Last Name", "Company", "Name"),)

_KINDS = {
    "person": "person",
    "individual": "person",
    "people": "person",
    "organization": "organization",
    "organisation": "organization",
    "company": "organization",
    "org": "organization",
    "business": "organization",
}
_ALIAS_PREFIXES = {
    "maiden": AliasKind.MAIDEN,
    "former": AliasKind.FORMER,
    "dba": AliasKind.DBA,
    "d/b/a": AliasKind.DBA,
    "abbreviation": AliasKind.ABBREVIATION,
    "abbr": AliasKind.ABBREVIATION,
    "nickname": AliasKind.NICKNAME,
    "aka": AliasKind.OTHER,
    "other": AliasKind.OTHER,
}
_OFFICER_WORDS = re.compile(
    r"\b(ceo|cfo|coo|cto|president|vice president|vp|officer|director|secretary|treasurer|chair\w*|founder|owner|partner|manager|member)\b",
    re.IGNORECASE,
)
_CLIO_STATUS = {"open": "open", "pending": "intake", "closed": "closed"}


@dataclass
class ContactRecord:
    """A contact line that passed every check, ready for ``contact_create``."""

    line: int
    kind: str
    name: str
    aliases: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    address: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    company: str = ""
    company_relation: str = ""


@dataclass
class PartyRecord:
    role: str
    name: str
    kind: str


@dataclass
class MatterRecord:
    """A matter line that passed every check, ready for ``intake_create`` and what follows."""

    line: int
    number: str
    title: str
    practice_area: str
    status: str
    client: PartyRecord
    court: str = ""
    case_number: str = ""
    judge: str = ""
    attorney: str = ""  # a username, resolved by the caller
    intake_on: dt.date | None = None
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    description: str = ""
    decline_reason: str = ""
    parties: list[PartyRecord] = field(default_factory=list)


def _name(value: str, problems: list[str], label: str = "Name") -> str:
    try:
        return clean_name(value, field=label)
    except ServiceError as exc:
        problems.append(exc.message)
        return ""


def _emails(value: str, problems: list[str]) -> list[str]:
    out: list[str] = []
    for email in split_list(value.replace(",", ";")):
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"{email[:80]!r} is not a valid e-mail address")
            continue
        out.append(email)
    return out


def parse_date(value: str, problems: list[str], label: str) -> dt.date | None:
    """``YYYY-MM-DD`` or ``MM/DD/YYYY`` (US), or blank."""
    value = value.strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    problems.append(f"{label} {value[:40]!r} is not a date (use YYYY-MM-DD, e.g. 2024-03-31)")
    return None


def _aliases(value: str, problems: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for raw in split_list(value):
        kind = AliasKind.OTHER
        prefix, sep, rest = raw.partition(":")
        if sep and prefix.strip().casefold() in _ALIAS_PREFIXES:
            kind, raw = _ALIAS_PREFIXES[prefix.strip().casefold()], rest
        alias = _name(raw, problems, "Alias")
        if alias:
            out.append((alias, str(kind)))
    return out


def contact_from_casedesk(row: CsvRow) -> ContactRecord | list[str]:
    """Check one casedesk-layout contact line: the record, or the list of its problems."""
    problems: list[str] = []
    raw_kind = row.get("kind")
    kind = _KINDS.get(raw_kind.casefold(), "")
    if not raw_kind:
        problems.append("kind is missing (person or organization)")
    elif not kind:
        problems.append(f"unknown kind {raw_kind[:40]!r} (use person or organization)")
    name = _name(row.get("name"), problems)
    record = ContactRecord(
        line=row.line,
        kind=kind,
        name=name,
        aliases=_aliases(row.get("aliases"), problems),
        emails=_emails(row.get("email", "emails"), problems),
        phones=split_list(row.get("phone", "phones")),
        address={
            k: row.get(column_key(k))[:limit]
            for k, limit in (
                ("street", 300),
                ("city", 120),
                ("region", 120),
                ("postal_code", 20),
                ("country", 80),
            )
        },
        notes=row.get("notes"),
    )
    return problems or record


def contact_from_clio(row: CsvRow) -> ContactRecord | list[str]:
    """Check one Clio-export contact line: the record, or the list of its problems."""
    problems: list[str] = []
    first, middle, last = row.get("firstname"), row.get("middlename"), row.get("lastname")
    suffix, prefix = row.get("suffix"), row.get("prefix")
    company = row.get("company", "companyname")
    job_title = row.get("title", "jobtitle")
    clio_type = row.get("type", "contacttype").casefold()
    if clio_type in ("person", "company"):
        kind = "person" if clio_type == "person" else "organization"
    else:
        kind = "person" if (first or last) else "organization"
    notes_parts: list[str] = []
    if kind == "person":
        full = " ".join(p for p in (first, middle, last) if p) or row.get("name")
        if suffix and full:
            full = f"{full}, {suffix}"
        name = _name(full, problems)
        if prefix:
            notes_parts.append(f"Prefix: {prefix}")
        if job_title:
            notes_parts.append(f"Title: {job_title}")
    else:
        name = _name(company or row.get("name"), problems)
        company = ""
    if company:
        _name(company, problems, "Company")
    email_cells = ";".join(
        row.get(k)
        for k in _keys(
            "Email Address",
            "Primary Email Address",
            "email_address",
            "Email",
            "Work Email",
            "Home Email",
            "Other Email",
        )
        if row.get(k)
    )
    phones = [
        row.get(k)
        for k in _keys(
            "Primary Phone Number",
            "primary_phone",
            "Phone",
            "Business Phone",
            "Work Phone",
            "Mobile Phone",
            "Home Phone",
        )
        if row.get(k)
    ]
    address = {
        "street": row.get(
            *_keys(
                "Business Street",
                "business_street",
                "Street",
                "Address",
                "Address Street",
                "Primary Address Street",
                "Home Street",
                "Address Line 1",
            )
        )[:300],
        "city": row.get(
            *_keys(
                "Business City",
                "business_city",
                "City",
                "Address City",
                "Primary Address City",
                "Home City",
            )
        )[:120],
        "region": row.get(
            *_keys(
                "Business State",
                "business_state",
                "State",
                "Province",
                "Region",
                "Address State",
                "Primary Address State",
                "Home State",
            )
        )[:120],
        "postal_code": row.get(
            *_keys(
                "Business Postal Code",
                "business_postal_code",
                "Zip",
                "Zip Code",
                "Postal Code",
                "Address Zip",
                "Primary Address Zip",
                "Home Zip",
            )
        )[:20],
        "country": row.get(
            *_keys("Business Country", "Country", "Address Country", "Home Country")
        )[:80],
    }
    if row.get("notes", "note"):
        notes_parts.append(row.get("notes", "note"))
    record = ContactRecord(
        line=row.line,
        kind=kind,
        name=name,
        emails=_emails(email_cells, problems),
        phones=list(dict.fromkeys(p for p in phones if p)),
        address=address,
        notes="\n".join(notes_parts),
        company=company,
        company_relation="officer-of"
        if company and _OFFICER_WORDS.search(job_title)
        else ("employee-of" if company else ""),
    )
    return problems or record


def practice_area_from(value: str) -> str:
    """A practice-area code from its code, its name or its matter-number code; "" when unknown."""
    folded = column_key(value)
    if not folded:
        return ""
    for code, label in PracticeArea.choices:
        if folded in (column_key(code), column_key(str(label))) or folded == column_key(
            AREA_CODES.get(code, "")
        ):
            return code
    synonyms = {
        "family": "family",
        "criminal": "criminal",
        "estateplanning": "estate",
        "probate": "estate",
        "realestate": "real-estate",
        "business": "corporate",
        "corporate": "corporate",
        "personalinjury": "personal-injury",
        "intellectualproperty": "ip",
        "civil": "litigation",
        "landlordtenant": "landlord-tenant",
        "employmentlaw": "employment",
        "immigration": "immigration",
        "bankruptcy": "bankruptcy",
        "wills": "estate",
        "trustsandestates": "estate",
    }
    return synonyms.get(folded, "")


def party_kind(name: str) -> str:
    """Guess person or organization from a name (Inc., LLC, Bank, County... mean organization)."""
    return str(guess_kind(name))


def _party(
    text: str, role: str, problems: list[str], known_kinds: dict[str, str]
) -> PartyRecord | None:
    name = _name(text, problems, f"{PartyRole(role).label} name")
    if not name:
        return None
    return PartyRecord(role=role, name=name, kind=known_kinds.get(name) or party_kind(name))


def matter_from_row(
    row: CsvRow, *, layout: str, known_kinds: dict[str, str]
) -> MatterRecord | list[str]:
    """Check one matter line (casedesk or Clio layout): the record, or the list of its problems."""
    problems: list[str] = []
    clio = layout == "clio"
    number = row.get("number", "displaynumber", "matternumber")
    if number:
        number = _name(number, problems, "Matter number")
        if len(number) > 40:
            problems.append("the matter number is longer than 40 characters")
    title = _name(
        row.get("title", "description", "mattername") if clio else row.get("title"),
        problems,
        "Title",
    )
    if len(title) > 300:
        problems.append(f"the title is {len(title)} characters long; the limit is 300")
    raw_area = row.get("practicearea")
    area = practice_area_from(raw_area)
    if not raw_area:
        problems.append("practice area is missing")
    elif not area:
        problems.append(
            f"unknown practice area {raw_area[:60]!r} (use one of: {', '.join(PracticeArea.values)})"
        )
    raw_status = row.get("status").casefold()
    status = _CLIO_STATUS.get(raw_status, "") if clio else raw_status
    if status not in MatterStatus.values:
        problems.append(
            f"unknown status {raw_status[:30]!r} (use intake, open, closed or declined)"
        )
    client_text = row.get("client", "clientname")
    client_kind_raw = row.get("clientkind").casefold()
    client_kind = _KINDS.get(client_kind_raw, "") if client_kind_raw else ""
    if client_kind_raw and not client_kind:
        problems.append(
            f"unknown client kind {client_kind_raw[:40]!r} (use person or organization)"
        )
    client_name = _name(client_text, problems, "Client")
    client = PartyRecord(
        role=PartyRole.CLIENT,
        name=client_name,
        kind=client_kind
        or known_kinds.get(client_name)
        or (party_kind(client_name) if client_name else "person"),
    )
    record = MatterRecord(
        line=row.line,
        number=number,
        title=title,
        practice_area=area,
        status=status,
        client=client,
        court=row.get("court")[:200],
        case_number=row.get("casenumber")[:80],
        judge=row.get("judge")[:200],
        attorney=row.get("responsibleattorney", "responsiblelawyer", "originatingattorney"),
        intake_on=parse_date(row.get("intakeon", "pendingdate"), problems, "intake_on"),
        opened_on=parse_date(row.get("openedon", "opendate"), problems, "opened_on"),
        closed_on=parse_date(row.get("closedon", "closedate"), problems, "closed_on"),
        description=row.get("description") if not clio else "",
        decline_reason=row.get("declinereason"),
    )
    for text in split_list(row.get("adverseparties", "adverseparty")):
        party = _party(text, PartyRole.ADVERSE, problems, known_kinds)
        if party:
            record.parties.append(party)
    for text in split_list(row.get("parties", "otherparties")):
        role, sep, name = text.partition(":")
        role = role.strip().casefold().replace(" ", "-")
        role = {
            "adverse": "adverse-party",
            "opposing": "opposing-counsel",
            "related": "related-party",
            "coparty": "co-party",
        }.get(role, role)
        if not sep or role not in PartyRole.values:
            problems.append(
                f"party {text[:60]!r} must be written role:name with role one of {', '.join(PartyRole.values)}"
            )
            continue
        party = _party(name, role, problems, known_kinds)
        if party:
            record.parties.append(party)
    if status in ("open", "closed") and not record.attorney:
        problems.append("an open or closed matter needs its responsible attorney (a user name)")
    if status != "closed" and status != "declined" and record.closed_on:
        problems.append(f"closed_on is given but the status is {status or 'missing'}")
    if record.opened_on and record.closed_on and record.closed_on < record.opened_on:
        problems.append("closed_on is before opened_on")
    if status == "intake" and record.opened_on:
        problems.append("opened_on is given but the status is intake")
    return problems or record
