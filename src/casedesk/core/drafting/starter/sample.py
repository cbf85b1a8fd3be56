"""A complete, realistic set of drafting data, in the field dictionary's shape.

Used by the starter tests and benchmarks, and handy for previewing a template: every name a
starter template reads is here, dates as ``datetime.date``, multi-line text with "\\n".
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

FIRM_ADDRESS = "500 Grand Avenue, Suite 1200\nOakland, CA 94610"
CLIENT_ADDRESS = "1844 Linden Street\nOakland, CA 94607"
ADVERSE_ADDRESS = "100 Industrial Way\nFremont, CA 94538"
COUNSEL_ADDRESS = "1 Market Street, 30th Floor\nSan Francisco, CA 94105"

# a court of each family, as casedesk.core.drafting.captions would read the matter's court
COURTS: dict[str, dict[str, str]] = {
    "federal": {
        "name": "United States District Court for the Northern District of California",
        "family": "federal",
        "district": "Northern District of California",
        "county": "",
        "judicial_district": "",
    },
    "ca": {
        "name": "Superior Court of California, County of Alameda",
        "family": "ca",
        "district": "",
        "county": "Alameda",
        "judicial_district": "",
    },
    "ny": {
        "name": "Supreme Court of the State of New York, County of New York",
        "family": "ny",
        "district": "",
        "county": "New York",
        "judicial_district": "",
    },
    "tx": {
        "name": "District Court of Harris County, Texas, 189th Judicial District",
        "family": "tx",
        "district": "",
        "county": "Harris",
        "judicial_district": "189th",
    },
    "other": {
        "name": "Circuit Court of Cook County, Illinois",
        "family": "other",
        "district": "",
        "county": "Cook",
        "judicial_district": "",
    },
}
CASE_NUMBERS = {
    "federal": "3:26-cv-04512-JSC",
    "ca": "RG26-114523",
    "ny": "654321/2026",
    "tx": "2026-71234",
    "other": "2026-L-004512",
}

_SAMPLE: dict[str, Any] = {
    "firm": {
        "name": "Hollis & Reyes LLP",
        "address": FIRM_ADDRESS,
        "phone": "(510) 555-0140",
        "fax": "(510) 555-0141",
        "email": "office@hollisreyes.example",
        "website": "https://hollisreyes.example",
    },
    "attorney": {
        "name": "Dana Hollis",
        "bar_number": "187654",
        "email": "dhollis@hollisreyes.example",
        "phone": "(510) 555-0142",
        "signature_block": "Dana Hollis\nState Bar No. 187654\nHollis & Reyes LLP\n"
        + FIRM_ADDRESS
        + "\n(510) 555-0142\ndhollis@hollisreyes.example",
    },
    "author": {"name": "Priya Nair", "email": "pnair@hollisreyes.example"},
    "matter": {
        "number": "2026-0142",
        "title": "Roe v. Acme Corp.",
        "practice_area": "Employment",
        "description": "Wrongful termination after a safety complaint.",
        "opened_on": dt.date(2026, 9, 14),
        "decline_reason": "",
    },
    "client": {
        "name": "Jordan Roe",
        "first_name": "Jordan",
        "kind": "person",
        "address": CLIENT_ADDRESS,
        "email": "jordan.roe@example.com",
        "phone": "(510) 555-0190",
    },
    "adverse": {"name": "Acme Corp.", "address": ADVERSE_ADDRESS},
    "adverse_parties": [{"name": "Acme Corp.", "address": ADVERSE_ADDRESS}],
    "opposing_counsel": {
        "name": "Morgan Blake",
        "firm": "Blake Whitfield LLP",
        "address": COUNSEL_ADDRESS,
        "email": "mblake@blakewhitfield.example",
        "phone": "(415) 555-0110",
    },
    "parties": [
        {
            "name": "Jordan Roe",
            "role": "client",
            "role_label": "Client",
            "address": CLIENT_ADDRESS,
            "email": "jordan.roe@example.com",
            "phone": "(510) 555-0190",
        },
        {
            "name": "Acme Corp.",
            "role": "adverse",
            "role_label": "Adverse party",
            "address": ADVERSE_ADDRESS,
            "email": "legal@acme.example",
            "phone": "(510) 555-0300",
        },
    ],
    "witnesses": [
        {
            "name": "Sam Ortiz",
            "role": "witness",
            "role_label": "Witness",
            "address": "77 Harbor Road\nAlameda, CA 94501",
            "email": "sam.ortiz@example.com",
            "phone": "(510) 555-0177",
        }
    ],
    "case": {
        "number": CASE_NUMBERS["ca"],
        "title": "Roe v. Acme Corp.",
        "plaintiffs": "Jordan Roe",
        "defendants": "Acme Corp.",
    },
    "judge": {"name": "Hon. Elena Marquez"},
    "today": dt.date(2026, 11, 20),
    "deadlines": [
        {
            "title": "Opposition to motion due",
            "date": dt.date(2027, 1, 21),
            "rule": "CCP § 1005(b)",
        }
    ],
    "next_deadline": {
        "title": "Opposition to motion due",
        "date": dt.date(2027, 1, 21),
        "rule": "CCP § 1005(b)",
    },
    "hearings": [
        {
            "title": "Hearing on motion to compel",
            "date": dt.date(2027, 2, 4),
            "time": "9:00 a.m.",
            "location": "Department 17, 1225 Fallon Street, Oakland",
        }
    ],
    "next_hearing": {
        "title": "Hearing on motion to compel",
        "date": dt.date(2027, 2, 4),
        "time": "9:00 a.m.",
        "location": "Department 17, 1225 Fallon Street, Oakland",
    },
    "documents": [
        {"title": "Complaint for damages", "date": dt.date(2026, 10, 2), "category": "Pleading"}
    ],
    # asked when the document is generated
    "hearing": {
        "date": dt.date(2027, 2, 4),
        "time": "9:00 a.m.",
        "department": "Department 17",
        "location": "1225 Fallon Street, Oakland, CA 94612",
    },
    "motion": {
        "title": "Motion to Compel Further Responses to Requests for Production",
        "relief": "An order compelling Defendant Acme Corp. to produce all documents responsive "
        "to Request Nos. 4 through 9 within ten days.\nMonetary sanctions of $2,500.00 against "
        "Defendant and its counsel.",
    },
    "service": {
        "method": "electronic",
        "date": dt.date(2027, 1, 11),
        "documents": "Notice of Motion and Motion to Compel Further Responses\n"
        "Declaration of Dana Hollis",
        "served": "Morgan Blake, Blake Whitfield LLP, 1 Market Street, 30th Floor, "
        "San Francisco, CA 94105; mblake@blakewhitfield.example\n"
        "Attorneys for Defendant Acme Corp.",
        "server_name": "Priya Nair",
        "server_address": FIRM_ADDRESS,
    },
    "stipulation": {
        "original_date": dt.date(2027, 1, 15),
        "new_date": dt.date(2027, 2, 12),
        "document": "First Amended Complaint",
    },
    "fee": {"retainer": "5000.00", "hourly_rate": "425.00"},
    "engagement": {
        "scope": "Representing you in your claims against Acme Corp. arising from the end of "
        "your employment, through trial in the Superior Court."
    },
    "waiver": {
        "description": "The firm represented Acme Corp. in an unrelated commercial lease matter "
        "that ended in 2023. We learned no confidential information in that matter that bears "
        "on your claims."
    },
    "status": {
        "summary": "Acme Corp. answered the complaint on October 30. We served written "
        "discovery on November 6, and Acme's responses are due December 8.",
        "next_steps": "We will review Acme's responses when they arrive and, if they are "
        "incomplete, meet and confer with its counsel before moving to compel.",
    },
    "letter": {
        "subject": "Meet and confer regarding discovery responses",
        "body": "We write to meet and confer about Acme's responses to our first set of "
        "requests for production. The responses to Request Nos. 4 through 9 assert only "
        "boilerplate objections and produce no documents.\nPlease let us know by December 4 "
        "whether Acme will serve supplemental responses.",
    },
    "subpoena": {
        "witness": "Custodian of Records, Bay Occupational Health Clinic",
        "date": dt.date(2027, 3, 1),
        "documents": "All records of treatment of Jordan Roe from January 1, 2025 to the "
        "present\nAll billing records for that treatment",
    },
    "cover": {
        "to": "Morgan Blake, Blake Whitfield LLP",
        "fax": "(415) 555-0111",
        "email": "mblake@blakewhitfield.example",
        "pages": "4",
        "message": "Please see the attached stipulation extending time. If it is acceptable, "
        "please sign and return it by fax or e-mail.",
    },
}
_SAMPLE["clients"] = [_SAMPLE["client"]]
_SAMPLE["opposing_counsels"] = [_SAMPLE["opposing_counsel"]]


def sample_data(family: str = "ca") -> dict[str, Any]:
    """A fresh copy of the sample data, its court of ``family`` (federal, ca, ny, tx, other)."""
    data = copy.deepcopy(_SAMPLE)
    data["court"] = dict(COURTS[family])
    data["case"]["number"] = CASE_NUMBERS[family]
    return data
