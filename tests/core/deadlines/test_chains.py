"""Deadline chains (core): the template data, and proposals checked by hand against the rules.

Each expected date below was counted by hand from the rule text (the comment shows the count),
then checked against the engine: the chain adds nothing to the engine's arithmetic, so these
also guard the wiring (right rule, right court, service passed through).
"""

from __future__ import annotations

import datetime as dt

import pytest

from casedesk.core.deadlines import COURTS, DeadlineError, get_rule
from casedesk.core.deadlines.chains import (
    UnknownChainTemplateError,
    chain_templates,
    get_chain_template,
    guess_court,
    propose_chain,
)

D = dt.date.fromisoformat
T2359 = dt.time(23, 59)

# (template, court, trigger, service, {rule_id: (due date, due time)})
CASES = [
    # FRCP 12(a)(1)(A)(i): 21 days after Wed Mar 10 = Wed Mar 31; Rule 4 service, no 6(d) days.
    # FRCP 12(a)(2): 60 days = Sun May 9 -> Mon May 10.
    (
        "federal-complaint-served",
        "federal",
        "2027-03-10",
        "mail",
        {"frcp-answer": ("2027-03-31", T2359), "frcp-answer-us": ("2027-05-10", T2359)},
    ),
    # FRCP 59(b)/(e): 28 days after Tue Jun 1 = Tue Jun 29; FRAP 4(a)(1)(A): 30 days = Thu Jul 1;
    # FRAP 4(a)(1)(B): 60 days = Sat Jul 31 -> Mon Aug 2.
    (
        "federal-judgment-entered",
        "federal",
        "2027-06-01",
        "none",
        {
            "frcp-new-trial": ("2027-06-29", T2359),
            "frcp-alter-amend": ("2027-06-29", T2359),
            "frap-appeal": ("2027-07-01", T2359),
            "frap-appeal-us-party": ("2027-08-02", T2359),
        },
    ),
    # FRCP 26(a)(3)(B): 30 days before Mon Sep 13 = Sat Aug 14 -> backward to Fri Aug 13.
    (
        "federal-trial-date-set",
        "federal-ny",
        "2027-09-13",
        "none",
        {"frcp-pretrial-disclosures": ("2027-08-13", T2359)},
    ),
    # FRCP 6(c): 14 and 7 days before Mon Apr 5 = Mon Mar 22, Mon Mar 29.
    (
        "federal-motion-hearing-set",
        "federal-ca",
        "2027-04-05",
        "none",
        {
            "frcp-motion-notice": ("2027-03-22", T2359),
            "frcp-opposing-affidavit": ("2027-03-29", T2359),
        },
    ),
    # FRCP 72(b)(2) + 6(d): 14 days = Wed Mar 24; +3 = Sat Mar 27 -> Mon Mar 29.
    (
        "federal-recommendation-served",
        "federal-tx",
        "2027-03-10",
        "mail",
        {"frcp-objections-rr": ("2027-03-29", T2359)},
    ),
    # CCP 412.20(a)(3): 30 days after Mon Mar 1 = Wed Mar 31, Cesar Chavez Day -> Thu Apr 1.
    ("ca-summons-served", "ca", "2027-03-01", "personal", {"ca-answer": ("2027-04-01", None)}),
    # CCP 1005(b), hearing Tue Apr 20, served by mail: 16 court days back (skipping Mar 31) =
    # Fri Mar 26, 5 more calendar days back = Sun Mar 21 -> Fri Mar 19; 9 court days = Wed Apr
    # 7; 5 court days = Tue Apr 13.
    (
        "ca-motion-hearing-set",
        "ca",
        "2027-04-20",
        "mail",
        {
            "ca-motion": ("2027-03-19", None),
            "ca-opposition": ("2027-04-07", None),
            "ca-reply": ("2027-04-13", None),
        },
    ),
    # CCP 2030.260(a) + 1010.6: 30 days after Wed Mar 10 = Fri Apr 9, +2 court days = Tue Apr 13.
    (
        "ca-interrogatories-served",
        "ca",
        "2027-03-10",
        "electronic",
        {"ca-interrogatory-response": ("2027-04-13", None)},
    ),
    # CPLR 320(a): 20 days after Wed Mar 10 = Tue Mar 30.
    (
        "ny-summons-personal",
        "ny",
        "2027-03-10",
        "personal",
        {"ny-answer-personal": ("2027-03-30", None)},
    ),
    # CPLR 3012(c) and 320(a): 30 days after Wed Mar 10 = Fri Apr 9.
    (
        "ny-summons-other",
        "ny",
        "2027-03-10",
        "none",
        {"ny-answer-3012c": ("2027-04-09", None), "ny-answer-other": ("2027-04-09", None)},
    ),
    # CPLR 3122(a) + 2103(b)(2): 20 + 5 days after Tue Jun 1 = Sat Jun 26 -> Mon Jun 28.
    (
        "ny-discovery-demand-served",
        "ny",
        "2027-06-01",
        "mail",
        {"ny-discovery-response": ("2027-06-28", None)},
    ),
    # TRCP 99(b): 20 days after Wed Mar 10 = Tue Mar 30; the Monday next after = Apr 5, 10 a.m.
    (
        "tx-citation-served",
        "tx",
        "2027-03-10",
        "personal",
        {"tx-answer": ("2027-04-05", dt.time(10, 0))},
    ),
    # TRCP 196.2 + 21a: 30 days after Wed Mar 10 = Fri Apr 9, + 3 = Mon Apr 12.
    (
        "tx-discovery-served",
        "tx",
        "2027-03-10",
        "mail",
        {"tx-discovery-response": ("2027-04-12", None)},
    ),
]


@pytest.mark.parametrize(("template", "court", "trigger", "service", "expected"), CASES)
def test_proposals_match_the_hand_count(
    template: str,
    court: str,
    trigger: str,
    service: str,
    expected: dict[str, tuple[str, dt.time | None]],
) -> None:
    proposals = propose_chain(template, court, D(trigger), service=service)
    got = {p.rule_id: (p.deadline.due_date.isoformat(), p.deadline.due_time) for p in proposals}
    assert got == expected
    for p in proposals:
        rule = get_rule(p.rule_id)
        assert p.citation == rule.citation
        assert p.title.endswith(f"({rule.citation})")
        assert p.deadline.steps and p.deadline.rule_pack_version == rule.pack_version


def test_every_court_has_templates_and_the_data_is_sound() -> None:
    for court in COURTS:
        templates = chain_templates(court)
        assert templates, court
        for template in templates:
            assert template.sources and all(s.url.startswith("http") for s in template.sources)
            assert template.steps and any(step.default for step in template.steps)
            for step in template.steps:
                assert court in get_rule(step.rule_id).courts
    ids = [t.id for t in chain_templates()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("template", "rules"),
    [
        ("federal-complaint-served", {"frcp-answer", "frcp-answer-us"}),
        (
            "federal-judgment-entered",
            {"frcp-new-trial", "frcp-alter-amend", "frap-appeal", "frap-appeal-us-party"},
        ),
        ("federal-trial-date-set", {"frcp-pretrial-disclosures"}),
        ("federal-recommendation-served", {"frcp-objections-rr"}),
        ("federal-motion-hearing-set", {"frcp-motion-notice", "frcp-opposing-affidavit"}),
        ("federal-appellate-response-served", {"frap-motion-reply"}),
        ("ca-summons-served", {"ca-answer"}),
        ("ca-motion-hearing-set", {"ca-motion", "ca-opposition", "ca-reply"}),
        ("ca-interrogatories-served", {"ca-interrogatory-response"}),
        ("ny-summons-personal", {"ny-answer-personal"}),
        ("ny-summons-other", {"ny-answer-3012c", "ny-answer-other"}),
        ("ny-discovery-demand-served", {"ny-discovery-response"}),
        ("tx-citation-served", {"tx-answer"}),
        ("tx-discovery-served", {"tx-discovery-response"}),
    ],
)
def test_templates_name_the_rules_that_follow(template: str, rules: set[str]) -> None:
    assert {s.rule_id for s in get_chain_template(template).steps} == rules


def test_the_us_party_variants_are_options_not_defaults() -> None:
    steps = {s.rule_id: s for s in get_chain_template("federal-judgment-entered").steps}
    assert steps["frap-appeal"].default and not steps["frap-appeal-us-party"].default
    assert get_chain_template("federal-complaint-served").backward is False
    assert get_chain_template("ca-motion-hearing-set").backward is True


def test_rule_ids_limit_the_proposal() -> None:
    only = propose_chain(
        "federal-judgment-entered", "federal", D("2027-06-01"), rule_ids=["frap-appeal"]
    )
    assert [p.rule_id for p in only] == ["frap-appeal"]


def test_closed_day_moves_the_deadline_forward() -> None:
    # Wed Mar 31 closed (federal, FRCP 6(a)(3)): the answer moves to Thu Apr 1.
    [answer] = propose_chain(
        "federal-complaint-served",
        "federal",
        D("2027-03-10"),
        closed=[D("2027-03-31")],
        rule_ids=["frcp-answer"],
    )
    assert answer.deadline.due_date == D("2027-04-01")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope", "federal", "2027-03-10"), "unknown chain template"),
        (("ca-summons-served", "federal", "2027-03-10"), "not available"),
        (("federal-complaint-served", "mars", "2027-03-10"), "unknown court"),
        (("federal-complaint-served", "federal", "1999-12-31"), "outside"),
        (("federal-complaint-served", "federal", "2036-01-01"), "outside"),
    ],
)
def test_bad_input_is_a_one_line_error(args: tuple[str, str, str], message: str) -> None:
    template, court, day = args
    with pytest.raises(DeadlineError) as info:
        propose_chain(template, court, D(day))
    assert message in str(info.value) and "\n" not in str(info.value)


def test_bad_rule_choice_and_service_are_refused() -> None:
    with pytest.raises(DeadlineError, match="not part of the chain"):
        propose_chain("ca-summons-served", "ca", D("2027-03-10"), rule_ids=["frcp-answer"])
    with pytest.raises(DeadlineError, match="at least one"):
        propose_chain("ca-summons-served", "ca", D("2027-03-10"), rule_ids=[])
    with pytest.raises(DeadlineError, match="service method"):
        propose_chain("ca-summons-served", "ca", D("2027-03-10"), service="pigeon")
    with pytest.raises(UnknownChainTemplateError):
        get_chain_template("")


@pytest.mark.parametrize(
    ("text", "court"),
    [
        ("U.S. District Court, N.D. Cal.", "federal-ca"),
        ("United States District Court for the Southern District of New York", "federal-ny"),
        ("S.D. Tex.", "federal-tx"),
        ("U.S. Court of Appeals for the Ninth Circuit", "federal"),
        ("Superior Court of California, County of Alameda", "ca"),
        ("Supreme Court of the State of New York, County of Kings", "ny"),
        ("District Court of Harris County, Texas", "tx"),
        ("Cook County Circuit Court", None),
        ("9th Cir.", "federal"),
        ("", None),
        ("Tòa án nhân dân", None),
    ],
)
def test_guess_court(text: str, court: str | None) -> None:
    assert guess_court(text) == court
