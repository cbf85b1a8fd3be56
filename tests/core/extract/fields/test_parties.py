"""Party names from captions (one or two columns, several lines), titles, labels, summonses."""

from __future__ import annotations

import pytest

from casedesk.core.extract.fields.layout import blank_line_numbers
from casedesk.core.extract.fields.names import role_of, split_names
from casedesk.core.extract.fields.parties import find_parties


def names(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.role) for p in find_parties(blank_line_numbers(text))]


CA_CAPTION = """\
 1   TERESA MONTOYA, an individual,           )   Case No. 24STCV12345
                                              )
 2                    Plaintiff,              )   NOTICE OF MOTION
                                              )
 3            v.                              )   Date:    January 5, 2027
                                              )   Time:    9:00 a.m.
 4   SUNSET TERRACE APARTMENTS, L.P., a       )   Dept.:   12
     California limited partnership; GREYSTONE )
 5   PROPERTY SERVICES, INC., a California    )
     corporation; and DOES 1 through 25,      )
 6   inclusive,                               )
                                              )
 7                    Defendants.             )
     _________________________________________)
"""

TX_CAPTION = """\
                              CAUSE NO. 2024-CI-01234

ANGELICA SALAZAR,                         §          IN THE DISTRICT COURT
     Plaintiff,                           §
V.                                        §          225TH JUDICIAL DISTRICT
ALAMO CITY AUTO SALES, INC. and           §
DARNELL PRICE,                            §
     Defendants.                          §          BEXAR COUNTY, TEXAS
"""

NY_CAPTION = """\
SUPREME COURT OF THE STATE OF NEW YORK
COUNTY OF NEW YORK
---------------------------------------------------------------------X
MARGARET O'BRIEN,                                         Index No. 654321/2024

                              Plaintiff,                  Motion Seq. No. 002

            -against-                                     NOTICE OF MOTION

HUDSON YARDS PROPERTY MANAGEMENT LLC and
BLUE LINE ELEVATOR CO., INC.,

                              Defendants.
---------------------------------------------------------------------X
"""

APPEAL_CAPTION = """\
HOLLIS REDMOND,                              Court of Appeal Case No. B338104

        Plaintiff and Respondent,            (Los Angeles County Super. Ct.
                                             No. 22STCV31877)
   v.

MULHOLLAND PACIFIC INSURANCE
COMPANY,

        Defendant and Appellant.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            CA_CAPTION,
            [
                ("TERESA MONTOYA", "plaintiff"),
                ("SUNSET TERRACE APARTMENTS, L.P.", "defendant"),
                ("GREYSTONE PROPERTY SERVICES, INC.", "defendant"),
            ],
        ),
        (
            TX_CAPTION,
            [
                ("ANGELICA SALAZAR", "plaintiff"),
                ("ALAMO CITY AUTO SALES, INC.", "defendant"),
                ("DARNELL PRICE", "defendant"),
            ],
        ),
        (
            NY_CAPTION,
            [
                ("MARGARET O'BRIEN", "plaintiff"),
                ("HUDSON YARDS PROPERTY MANAGEMENT LLC", "defendant"),
                ("BLUE LINE ELEVATOR CO., INC.", "defendant"),
            ],
        ),
        (
            APPEAL_CAPTION,
            [
                ("HOLLIS REDMOND", "respondent"),
                ("MULHOLLAND PACIFIC INSURANCE COMPANY", "appellant"),
            ],
        ),
        (
            "JANE DOE, Plaintiff, v. ACME CORP., Defendant.",
            [("JANE DOE", "plaintiff"), ("ACME CORP.", "defendant")],
        ),
        (
            "Re:   Doe v. Acme Corp., Case No. 3:25-cv-02210-WHO\n",
            [("Doe", "other"), ("Acme Corp.", "other")],
        ),
        (
            "Case Title: CHEN vs. GOLDEN GATE MOBILITY, INC. et al.\n",
            [("CHEN", "other"), ("GOLDEN GATE MOBILITY, INC.", "other")],
        ),
        (
            "     Re:   Cause No. DC-25-11873; Maria Elena Castillo v. Metroplex Home Health Services,\n"
            "           Inc., et al.; In the 298th Judicial District Court of Dallas County, Texas\n",
            [("Maria Elena Castillo", "other"), ("Metroplex Home Health Services, Inc.", "other")],
        ),
        (
            "Subject: RE: Hartley v. Northwind Pharmacy - deposition dates\n",
            [("Hartley", "other"), ("Northwind Pharmacy", "other")],
        ),
        (
            "PLAINTIFF/PETITIONER: KHADIJA YUSUF                 CASE NUMBER:\n"
            "RESPONDENT/DEFENDANT: OMAR FAROUK SAYED              25FL000917\n"
            "OTHER PARENT/PARTY:\n",
            [("KHADIJA YUSUF", "plaintiff"), ("OMAR FAROUK SAYED", "respondent")],
        ),
        (
            "NOTICE TO DEFENDANT:\n(AVISO AL DEMANDADO):\n"
            "VALLEY FRESH PRODUCE DISTRIBUTORS, INC., a California corporation; and DOES 1 through 20\n\n"
            "YOU ARE BEING SUED BY PLAINTIFF:\n(LO ESTA DEMANDANDO EL DEMANDANTE):\nISABEL NAVARRO\n",
            [
                ("VALLEY FRESH PRODUCE DISTRIBUTORS, INC.", "defendant"),
                ("ISABEL NAVARRO", "plaintiff"),
            ],
        ),
        (
            "In re:                                        )   Chapter 11\n"
            "LONGHORN MIDSTREAM PARTNERS, LLC, et al.,     )   Case No. 26-90411 (CML)\n"
            "                    Debtors.                  )   (Jointly Administered)\n",
            [("LONGHORN MIDSTREAM PARTNERS, LLC", "other")],
        ),
        (
            "Debtor 1:        Esperanza Villanueva Soto             Social Security number\n"
            "Debtor 2:        ______________________________________\n",
            [("Esperanza Villanueva Soto", "other")],
        ),
    ],
)
def test_parties(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


def test_vietnamese_and_arabic_names() -> None:
    text = (
        "NGUYỄN THỊ THU HƯƠNG, an individual; and     )  Case No. 25STCV20931\n"
        "ʿABD AL-RAḤMĀN AL-HĀSHIMĪ (عبد الرحمن الهاشمي),  )\n"
        "an individual,                               )\n"
        "              Plaintiffs,                    )\n"
        "     v.                                      )\n"
        "WESTSIDE CARGO EXPRESS, INC.                 )\n"
        "              Defendant.                     )\n"
    )
    assert [n for n, _ in names(text)] == [
        "NGUYỄN THỊ THU HƯƠNG",
        "ʿABD AL-RAḤMĀN AL-HĀSHIMĪ",
        "WESTSIDE CARGO EXPRESS, INC.",
    ]


def test_citations_in_a_brief_are_not_parties() -> None:
    text = (
        "See TransUnion LLC v. Ramirez, 594 U.S. 413 (2021); Roe v. Wade, 410 U.S. 113 (1973).\n"
        "Collins v. City of Harker Heights, 503 U.S. 115, 125 (1992).\n"
    )
    assert names(text) == []


def test_offsets_point_at_the_name() -> None:
    for party in find_parties(CA_CAPTION):
        assert CA_CAPTION[party.start : party.end].split()[0] == party.name.split()[0]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("PRIYA RAMANATHAN, et al.,", ["PRIYA RAMANATHAN"]),
        (
            "KEIKO TANAKA, DMITRI VOLKOV, and OLUWASEUN ADEBAYO, individually and on behalf of all "
            "others similarly situated,",
            ["KEIKO TANAKA", "DMITRI VOLKOV", "OLUWASEUN ADEBAYO"],
        ),  # fmt: skip
        (
            "CITY OF NEW YORK, NEW YORK CITY TRANSIT AUTHORITY and MTA BUS COMPANY,",
            ["CITY OF NEW YORK", "NEW YORK CITY TRANSIT AUTHORITY", "MTA BUS COMPANY"],
        ),  # fmt: skip
        ("HOANG MINH TUAN, D.D.S.,", ["HOANG MINH TUAN"]),
        ("HILL COUNTRY ROOFING & SOLAR, L.L.C.,", ["HILL COUNTRY ROOFING & SOLAR, L.L.C."]),
        ("BAYOU CITY MEDICAL IMAGING, P.A.", ["BAYOU CITY MEDICAL IMAGING, P.A."]),
        ("GULFPORT MARITIME SERVICES, INCORPORATED,", ["GULFPORT MARITIME SERVICES, INCORPORATED"]),
        (
            "MIGUEL TORRES, individually and as successor in interest to ROSA TORRES,",
            ["MIGUEL TORRES"],
        ),  # fmt: skip
        ("DESTINY OKAFOR AND ALL OCCUPANTS", ["DESTINY OKAFOR"]),
        ("DR. STEVEN WEXLER", ["STEVEN WEXLER"]),
        ("In the Matter of the Application of PATRICIA OKONJO-WELLS,", ["PATRICIA OKONJO-WELLS"]),
        ("Plaintiff,", []),
        ("Defendants.", []),
        ("DOES 1 through 50, inclusive,", []),
    ],
)
def test_split_names(block: str, expected: list[str]) -> None:
    assert split_names(block) == expected


@pytest.mark.parametrize(
    ("words", "role"),
    [
        ("Plaintiff,", "plaintiff"),
        ("Plaintiff(s)", "plaintiff"),
        ("Defendants.", "defendant"),
        ("Petitioner-Landlord,", "petitioner"),
        ("Respondent-Tenant.", "respondent"),
        ("Plaintiff and Respondent,", "respondent"),
        ("Defendant and Appellant.", "appellant"),
        ("Plaintiff - Appellant,", "appellant"),
        ("Defendant—Appellee.", "appellee"),
        ("Debtors.", "other"),
    ],
)
def test_roles(words: str, role: str) -> None:
    assert role_of(words) == role
