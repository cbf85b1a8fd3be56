"""Courts, case-number formats, users and reasons the demo firm uses (all fictional people)."""

from __future__ import annotations

import random
from dataclasses import dataclass

DEMO_PASSWORD = "casedesk-demo-2026"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    bar_number: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("alice.attorney", "Alice Okafor", "attorney", "CA-281734"),
    DemoUser("ben.attorney", "Benjamin Reyes-Whitfield", "attorney", "CA-305112"),
    DemoUser("chloe.attorney", "Chloe Tran", "attorney", "NY-5566120"),
    DemoUser("dana.secretary", "Dana Kowalczyk", "secretary"),
    DemoUser("eli.secretary", "Eli Navarro", "secretary"),
    DemoUser("farah.clerk", "Farah Haddad", "clerk"),
    DemoUser("gus.clerk", "Gus Lindqvist", "clerk"),
    DemoUser("hana.admin", "Hana Mori", "admin"),
)
ATTORNEYS = ("alice.attorney", "ben.attorney", "chloe.attorney")
SECRETARIES = ("dana.secretary", "eli.secretary")
CLERKS = ("farah.clerk", "gus.clerk")
ADMIN = "hana.admin"
# The one ethical wall: who is screened from the walled matter, and why.
WALLED_ATTORNEY = "chloe.attorney"
WALLED_LEAD = "alice.attorney"
WALL_REASON = (
    "Lateral hire: before joining the firm Chloe Tran represented Castellano Pharmaceuticals "
    "in a related licensing dispute (ABA Model Rule 1.10(a)(2) screen)."
)


@dataclass(frozen=True, slots=True)
class Court:
    key: str
    name: str
    state: str
    case_format: str  # {yy} {yyyy} {n4} {n5} {n6}

    def case_number(self, rng: random.Random, year: int) -> str:
        return self.case_format.format(
            yy=f"{year % 100:02d}",
            yyyy=year,
            n4=rng.randint(1000, 9999),
            n5=rng.randint(10000, 99999),
            n6=rng.randint(100000, 999999),
        )


COURTS: dict[str, Court] = {
    c.key: c
    for c in (
        Court(
            "ndcal",
            "U.S. District Court for the Northern District of California",
            "CA",
            "3:{yy}-cv-{n5}",
        ),
        Court(
            "cdcal",
            "U.S. District Court for the Central District of California",
            "CA",
            "2:{yy}-cv-{n5}",
        ),
        Court(
            "sdny",
            "U.S. District Court for the Southern District of New York",
            "NY",
            "1:{yy}-cv-{n5}",
        ),
        Court(
            "sdtx", "U.S. District Court for the Southern District of Texas", "TX", "4:{yy}-cv-{n5}"
        ),
        Court(
            "bk-ndcal",
            "U.S. Bankruptcy Court for the Northern District of California",
            "CA",
            "{yy}-3{n4}",
        ),
        Court("la", "Superior Court of California, County of Los Angeles", "CA", "{yy}STCV{n5}"),
        Court(
            "la-family",
            "Superior Court of California, County of Los Angeles (Family Law)",
            "CA",
            "{yy}STFL{n5}",
        ),
        Court(
            "la-ud",
            "Superior Court of California, County of Los Angeles (Limited Civil)",
            "CA",
            "{yy}STUD{n5}",
        ),
        Court("sf", "Superior Court of California, County of San Francisco", "CA", "CGC-{yy}-{n6}"),
        Court(
            "sf-criminal",
            "Superior Court of California, County of San Francisco (Criminal)",
            "CA",
            "CRI-{yy}{n6}",
        ),
        Court("alameda", "Superior Court of California, County of Alameda", "CA", "{yy}CV{n6}"),
        Court(
            "la-probate",
            "Superior Court of California, County of Los Angeles (Probate)",
            "CA",
            "{yy}STPB{n5}",
        ),
        Court(
            "ny", "Supreme Court of the State of New York, County of New York", "NY", "{n6}/{yyyy}"
        ),
        Court(
            "harris",
            "Texas District Court, Harris County (189th Judicial District)",
            "TX",
            "{yyyy}-{n5}",
        ),
        Court(
            "harris-criminal",
            "Texas District Court, Harris County (248th Criminal District)",
            "TX",
            "{n6}{n4}",
        ),
        Court("cook", "Circuit Court of Cook County, Illinois", "IL", "{yyyy}-L-{n6}"),
        Court("eoir-sf", "Immigration Court, San Francisco (EOIR)", "CA", "A{n5}{n4}"),
        Court("ttab", "Trademark Trial and Appeal Board (USPTO)", "", "Opposition No. 91{n6}"),
    )
}

# Judges are composed per court from these (fictional) names.
JUDGE_NAMES: tuple[str, ...] = (
    "Margaret T. Whitcombe",
    "Rafael Domínguez Ochoa",
    "Eleanor J. Pryce",
    "Kwame A. Mensah",
    "Su-Lin Ho",
    "Harold B. Stroud",
    "Naomi Feldstein",
    "Victor Ilunga",
    "Patricia Aldana-Brooks",
    "Gerald P. Fenwick",
    "Mira Castellane",
    "Samuel Ortiz-Bennett",
    "Lorraine Achebe",
    "Thomas K. Yoshida",
    "Evelyn Marchetti",
    "Desmond Farraday",
    "Hyun-woo Baek",
    "Catherine Delvaux",
    "Oscar Lindgren",
    "Rosalind Achterberg",
    "Nasreen Qureshi",
    "Bertram Oyelaran",
    "Imelda Zúñiga",
    "Franklin Ashby",
    "Wilhelmina Tarrant",
    "Jonah Abernethy-Cole",
    "Lucinda Okoro",
    "Arturo Benavides Soto",
    "Beatrice Vantongeren",
    "Cornelius Hapgood",
    "Yolanda Pacheco",
    "Ignatius Brandt",
    "Marguerite Essien",
    "Reginald Whitlock",
    "Soraya Haddadi",
    "Emmett Kinsella",
)

DECLINE_REASONS: tuple[str, ...] = (
    "The statute of limitations ran before the prospective client contacted us.",
    "Outside the firm's practice; referred to a certified specialist.",
    "The prospective client retained other counsel.",
    "No agreement on the fee arrangement.",
    "The claim's value does not justify litigation costs; advised the client in writing.",
)
CLEARED_SAME = "Same {what} on {matter}: no adverse interest."
CLEARED_OTHER = "Different {what}: checked {how}; not the same {what}."
CLEARED_ROLE = "{role} on {matter}: not a conflict of interest."
WAIVER_NOTE = (
    "Former client on {matter}. Matters not substantially related; written informed consent "
    "signed by {name} on {date} (Model Rule 1.9(a)). Consent letter in the file."
)
DECLINE_NOTE = "{name} is a current client of the firm on {matter}; we cannot act against a current client (Model Rule 1.7)."
CONFLICT_DECLINE_REASON = "Conflict of interest: the adverse party is a current client of the firm."
