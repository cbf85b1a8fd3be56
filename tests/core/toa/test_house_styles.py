"""House styles the OSG briefs lack, table-driven: Bluebook, the California Style Manual, New
York's official style, Texas, secondary sources, and the forms of case citations (parallel,
subsequent history, short forms, Id., supra, "quoting"). Pages are separated by form feeds."""

from __future__ import annotations

import pytest

from casedesk.core.toa import toa_from_text

C, K, S, G, R, OA = (
    "cases",
    "constitutional provisions",
    "statutes",
    "regulations",
    "rules",
    "other authorities",
)

STYLES: dict[str, tuple[str, list[tuple[str, str, tuple[str, ...]]]]] = {
    "bluebook": (
        "Section 1983 claims require state action. See 42 U.S.C. § 1983; 28 U.S.C. §§ 1331,"
        " 1343(a)(3); Fed. R. Civ. P. 12(b)(6). The Fourteenth Amendment applies. U.S. Const."
        " amend. XIV, § 1.\fCongress may regulate commerce. U.S. Const. art. I, § 8, cl. 3; see"
        " 5 U.S.C. § 706(2)(A); 27 C.F.R. § 478.11 (2023).",
        [
            (K, "U.S. Const. amend. XIV, § 1", ("1",)),
            (K, "U.S. Const. art. I, § 8, cl. 3", ("2",)),
            (S, "5 U.S.C. § 706(2)(A)", ("2",)),
            (S, "28 U.S.C. § 1331", ("1",)),
            (S, "28 U.S.C. § 1343(a)(3)", ("1",)),
            (S, "42 U.S.C. § 1983", ("1",)),
            (G, "27 C.F.R. § 478.11 (2023)", ("2",)),
            (R, "Fed. R. Civ. P. 12(b)(6)", ("1",)),
        ],
    ),
    "california style manual": (
        "Summary judgment is proper when no triable issue exists. (Code Civ. Proc., § 437c,"
        " subd. (c); Aguilar v. Atlantic Richfield Co. (2001) 25 Cal.4th 826, 843.)\fThe moving"
        " party bears the burden. (Aguilar, supra, 25 Cal.4th at p. 850; Cal. Rules of Court,"
        " rule 8.204(a)(1)(B); Cal. Const., art. I, § 7.) The Bluebook form is Cal. Civ. Proc."
        " Code § 437c(c).",
        [
            (C, "Aguilar v. Atlantic Richfield Co. (2001) 25 Cal.4th 826", ("1", "2")),
            (K, "Cal. Const., art. I, § 7", ("2",)),
            # The Bluebook form of the same subdivision is the same authority.
            (S, "Code Civ. Proc., § 437c, subd. (c)", ("1", "2")),
            (R, "Cal. Rules of Court, rule 8.204(a)(1)(B)", ("2",)),
        ],
    ),
    "new york": (
        "Dismissal under CPLR 3211 (a) (7) is improper. (Leon v Martinez, 84 NY2d 83, 87"
        " [1994].) See also Penal Law § 125.25 and N.Y. Gen. Bus. Law § 349.\fCPLR 3211 [a] [7]"
        " is read liberally.",
        [
            (C, "Leon v Martinez, 84 NY2d 83 [1994]", ("1",)),
            (S, "CPLR 3211 (a) (7)", ("1", "2")),
            (S, "N.Y. Gen. Bus. Law § 349", ("1",)),
            (S, "Penal Law § 125.25", ("1",)),
        ],
    ),
    "texas": (
        "The expert report requirement applies. Tex. Civ. Prac. & Rem. Code Ann. § 74.351(b);"
        " Tex. R. Civ. P. 91a. See Am. Transitional Care Ctrs. of Tex., Inc. v. Palacios, 46"
        " S.W.3d 873, 877 (Tex. 2001).\fAn illegally obtained confession is excluded. Tex. Code"
        " Crim. Proc. Ann. art. 38.23.",
        [
            (
                C,
                "Am. Transitional Care Ctrs. of Tex., Inc. v. Palacios, 46 S.W.3d 873 (Tex. 2001)",
                ("1",),
            ),
            (S, "Tex. Civ. Prac. & Rem. Code Ann. § 74.351(b)", ("1",)),
            (S, "Tex. Code Crim. Proc. Ann. art. 38.23", ("2",)),
            (R, "Tex. R. Civ. P. 91a", ("1",)),
        ],
    ),
    "secondary sources": (
        "See Restatement (Second) of Torts § 538 (1977); H.R. Rep. No. 2122, 81st Cong., 2d"
        " Sess. 3 (1950); Black’s Law Dictionary 1228 (4th ed. 1951); Paul R. Verkuil,"
        " Congressional Limitations on Judicial Review of Rules, 57 Tul. L. Rev. 733, 741 (1983);"
        " 132 Cong. Rec. 28,580 (1986); ATF, Novelty Guns (June 5, 2015),"
        " https://perma.cc/N33C-4YR8.\fVerkuil 745. 87 Fed. Reg. 24,652 (Apr. 26, 2022).",
        [
            (G, "87 Fed. Reg. 24,652 (Apr. 26, 2022)", ("2",)),
            (OA, "132 Cong. Rec. 28,580 (1986)", ("1",)),
            (OA, "ATF, Novelty Guns (June 5, 2015), https://perma.cc/N33C-4YR8", ("1",)),
            (OA, "Black’s Law Dictionary (4th ed. 1951)", ("1",)),
            (OA, "H.R. Rep. No. 2122, 81st Cong., 2d Sess. (1950)", ("1",)),
            (
                OA,
                "Paul R. Verkuil, Congressional Limitations on Judicial Review of Rules, 57 Tul."
                " L. Rev. 733 (1983)",
                ("1", "2"),  # the author's name with a page is a short form
            ),
            (OA, "Restatement (Second) of Torts (1977)", ("1",)),
        ],
    ),
    "case citation forms": (
        "See Roe v. Wade, 410 U.S. 113, 120, 93 S. Ct. 705 (1973); United States v. Ryles, 988"
        " F.2d 13 (5th Cir.), cert. denied, 510 U.S. 858 (1993); Neder v. United States, 527 U.S."
        " 1, 25 (1999) (quoting Restatement (Second) of Torts § 538 (1977)).\fRoe, 410 U.S. at"
        " 125. Id. at 130. Neder, supra, at 22.\fIn re Gault, 387 U.S. 1 (1967); Ex parte Young,"
        " 209 U.S. 123 (1908); The Emily, 22 U.S. (9 Wheat.) 381 (1824).",
        [
            # "In re" and "Ex parte" file under the party's name (a setting).
            (C, "In re Gault, 387 U.S. 1 (1967)", ("3",)),
            (C, "Neder v. United States, 527 U.S. 1 (1999)", ("1", "2")),
            (C, "Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705 (1973)", ("1", "2")),
            (C, "The Emily, 22 U.S. (9 Wheat.) 381 (1824)", ("3",)),
            (
                C,
                "United States v. Ryles, 988 F.2d 13 (5th Cir.), cert. denied, 510 U.S. 858 (1993)",
                ("1",),
            ),
            (C, "Ex parte Young, 209 U.S. 123 (1908)", ("3",)),
            (OA, "Restatement (Second) of Torts (1977)", ("1",)),
        ],
    ),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_house_style(style: str) -> None:
    text, expected = STYLES[style]
    result = toa_from_text(text, passim=0)
    assert [(e.category, e.authority, e.pages) for e in result.entries] == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("42 U.S.C. § 1983", "usc 42 1983"),
        ("42 U.S.C. 1983", "usc 42 1983"),
        ("42 U.S.C.A. § 1983", "usc 42 1983"),
        ("Code Civ. Proc., § 437c, subd. (c)", "cal-ccp 437c(c)"),
        ("Cal. Civ. Proc. Code § 437c(c)", "cal-ccp 437c(c)"),
        ("CPLR 3211(a)(7)", "ny-cplr 3211(a)(7)"),
        ("CPLR 3211 [a] [7]", "ny-cplr 3211(a)(7)"),
        ("27 C.F.R. 478.11", "cfr 27 478.11"),
        ("U.S. Const. Art. III, § 2, Cl. 1", "const u.s art 3 § 2 cl 1"),
        ("U.S. Const. art. III, § 2, cl. 1", "const u.s art 3 § 2 cl 1"),
        ("Exec. Order No. 14,026, 86 Fed. Reg. 22,835 (Apr. 30, 2021)", "eo 14026"),
        ("Fed. R. App. P. 28(a)(3)", "fed r app p 28(a)(3)"),
        ("Sup. Ct. R. 34.2", "sup ct r 34.2"),
        ("735 ILCS 5/2-619", "ilcs 735 5/2-619"),
        ("N.D. Cent. Code § 28-01-16", "nd cent code 28-01-16"),
    ],
)
def test_keys_fold_the_forms_of_one_provision(text: str, key: str) -> None:
    entries = toa_from_text(text).entries
    assert [entry.key for entry in entries] == [key]


def test_sections_listed_together_are_entries_of_their_own() -> None:
    result = toa_from_text("26 U.S.C. 5845(b), (c), and (d); 18 U.S.C. 1341, 1343.")
    assert [e.authority for e in result.entries] == [
        "18 U.S.C. 1341",
        "18 U.S.C. 1343",
        "26 U.S.C. 5845(b)",
        "26 U.S.C. 5845(c)",
        "26 U.S.C. 5845(d)",
    ]


def test_a_named_act_and_its_sections() -> None:
    text = (
        "The Gun Control Act of 1968 (GCA), Pub. L. No. 90-351, Tit. IV, 82 Stat. 225 (18 U.S.C."
        " 921 et seq.), responds to lawlessness. § 901(a)(2) and (4), 82 Stat. 225.\fSee the"
        " Clean Air Act, 42 U.S.C. 7401 et seq.; Hobbs Act § 3, 64 Stat. 1130."
    )
    result = toa_from_text(text)
    assert [(e.authority, e.pages) for e in result.entries] == [
        (
            "Gun Control Act of 1968, Pub. L. No. 90-351, Tit. IV, 82 Stat. 225 (18 U.S.C. 921 et"
            " seq.)",
            ("1",),
        ),
        ("Gun Control Act of 1968, § 901(a)(2), 82 Stat. 225", ("1",)),
        ("Gun Control Act of 1968, § 901(a)(4), 82 Stat. 225", ("1",)),
        ("Hobbs Act § 3, 64 Stat. 1130", ("2",)),
        ("Clean Air Act, 42 U.S.C. 7401 et seq.", ("2",)),
    ]


def test_a_section_named_in_the_text_counts_when_the_brief_cites_it() -> None:
    result = toa_from_text(
        "The statute is 40 U.S.C. 121(a).\fSection 121(a) gives the President power."
        "\fSection 5 of another act is not this brief's authority."
    )
    assert [(e.authority, e.pages) for e in result.entries] == [("40 U.S.C. 121(a)", ("1", "2"))]


def test_defined_short_names_and_volumes() -> None:
    result = toa_from_text(
        "“To convert.” Webster’s Third New International Dictionary 499 (1968) (Webster’s); see"
        " 2 The Oxford English Dictionary 944 (1978) (Oxford).\fWebster’s 465. See 8 Oxford 195.",
        passim=0,
    )
    assert [(e.authority, e.pages) for e in result.entries] == [
        ("2 The Oxford English Dictionary (1978)", ("1",)),
        ("8 The Oxford English Dictionary (1978)", ("2",)),
        ("Webster’s Third New International Dictionary (1968)", ("1", "2")),
    ]


def test_record_citations_stop_an_id() -> None:
    result = toa_from_text("Mathews v. Eldridge, 424 U.S. 319 (1976).\fJ.A. 12. Id. at 14.")
    assert [(e.authority, e.pages) for e in result.entries] == [
        ("Mathews v. Eldridge, 424 U.S. 319 (1976)", ("1",))
    ]


def test_opinions_below_are_not_listed() -> None:
    text = (
        "OPINIONS BELOW\nThe opinion of the court of appeals is reported at 86 F.4th 179.\n"
        "JURISDICTION\nThe jurisdiction of this Court rests on 28 U.S.C. 1254(1).\n"
        "STATEMENT\nSee Roe v. Wade, 410 U.S. 113 (1973)."
    )
    assert [e.authority for e in toa_from_text(text).entries] == [
        "Roe v. Wade, 410 U.S. 113 (1973)"
    ]


def test_category_order_is_configurable() -> None:
    result = toa_from_text(
        "Roe v. Wade, 410 U.S. 113 (1973); 42 U.S.C. § 1983.",
        order=[
            "statutes",
            "cases",
            "constitutional provisions",
            "regulations",
            "rules",
            "other authorities",
        ],
    )
    assert [e.category for e in result.entries] == ["statutes", "cases"]
