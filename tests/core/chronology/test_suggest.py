"""Suggested facts: the dated sentences of letters, pleadings, e-mails and opinions, without the
boilerplate that only looks like facts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.chronology import SuggestedFact, suggest_facts
from casedesk.core.chronology.suggest import MAX_SENTENCE

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "caselaw"

LETTER = """HARTWELL & NGUYEN LLP
1200 Main Street, Suite 400

March 5, 2024

Via E-mail and Certified Mail

Re: Lease dated January 15, 2019

Dear Ms. Trần:

We represent Acme Corp. in connection with the above lease. On February 28, 2024, our client
received your notice of termination. The lease requires ninety days' written notice, which
you did not give. In March 2023 you asked Mr. Smith to extend the term, and he declined on
or about April 2, 2023.

Please respond by April 1, 2024.

Very truly yours,
/s/ John Hartwell
Dated: March 5, 2024
"""

COMPLAINT = """UNITED STATES DISTRICT COURT
SOUTHERN DISTRICT OF NEW YORK
Case No. 1:24-cv-01234
Case 1:24-cv-01234 Document 1 Filed 01/02/24 Page 1 of 3
COMPLAINT
FACTUAL BACKGROUND
1. Plaintiff Nguyễn Văn An is an individual residing in Queens, New York.
2. On June 3, 2022, Plaintiff and Defendant entered into a written services agreement (the
"Agreement"). A true copy is attached as Exhibit A.
3. Defendant failed to pay the invoice dated 9/1/2022 and ignored demands sent on Oct. 3, 2022
and November 1, 2022.
\fCase 1:24-cv-01234 Document 1 Filed 01/02/24 Page 2 of 3
4. In early 2023, Defendant's president, محمد عبد الله, admitted the debt in a telephone call.
5. Prior to December 2023 Defendant had paid nothing.
Dated: January 2, 2024
\fCase 1:24-cv-01234 Document 1 Filed 01/02/24 Page 3 of 3
CERTIFICATE OF SERVICE
I certify that on January 2, 2024 I served the foregoing on all counsel of record.
"""

EMAIL = """From: Jane Roe <jane@example.com>
Sent: Tuesday, March 12, 2024 10:14 AM
To: Bob Lee
Subject: Delivery on 3/8/2024

Bob, the shipment arrived damaged on March 8, 2024. We notified the carrier the same day.

-----Original Message-----
From: Bob Lee
Sent: Monday, March 11, 2024 9:00 AM
Bob, the shipment arrived damaged on March 8, 2024. We notified the carrier the same day.
"""

HEADERS = "\f".join(
    f"Smith v. Jones, No. 22-1234\nPlaintiff's Opposition\n{body}\nPage {n} of 4\n"
    for n, body in enumerate(
        [
            "The parties met on May 1, 2021 to discuss the sale.",
            "The buyer paid a deposit on May 15, 2021.",
            "No further payment was made.",
            "The seller sued on August 9, 2021 in state court.",
        ],
        start=1,
    )
)

CASES: list[tuple[str, str, list[tuple[str, str, int | None]]]] = [
    (
        "letter",
        LETTER,
        [
            (
                "Feb. 28, 2024",
                "On February 28, 2024, our client received your notice of termination.",
                None,
            ),
            (
                "Mar. 2023",
                "In March 2023 you asked Mr. Smith to extend the term, and he declined on or about April 2, 2023.",
                None,
            ),
            ("Apr. 1, 2024", "Please respond by April 1, 2024.", None),
        ],
    ),
    (
        "complaint",
        COMPLAINT,
        [
            (
                "June 3, 2022",
                'On June 3, 2022, Plaintiff and Defendant entered into a written services agreement (the "Agreement").',
                1,
            ),
            (
                "Sept. 1, 2022",
                "Defendant failed to pay the invoice dated 9/1/2022 and ignored demands sent on Oct. 3, 2022 and "
                "November 1, 2022.",
                1,
            ),
            (
                "early 2023",
                "In early 2023, Defendant's president, محمد عبد الله, admitted the debt in a telephone call.",
                2,
            ),
            ("before Dec. 1, 2023", "Prior to December 2023 Defendant had paid nothing.", 2),
        ],
    ),
    (
        "e-mail with a quoted copy",
        EMAIL,
        [("Mar. 8, 2024", "Bob, the shipment arrived damaged on March 8, 2024.", None)],
    ),
    (
        "repeated headers and footers",
        HEADERS,
        [
            ("May 1, 2021", "The parties met on May 1, 2021 to discuss the sale.", 1),
            ("May 15, 2021", "The buyer paid a deposit on May 15, 2021.", 2),
            ("Aug. 9, 2021", "The seller sued on August 9, 2021 in state court.", 4),
        ],
    ),
    (
        "fuzzy words in front of the date",
        "The tenant moved in on or about June 1, 2020. Approximately March 2021 the roof leaked. "
        "Sometime after July 4, 2021 the landlord sold the building. In late 2022 the city inspected it. "
        "Inspections happened in Q3 2023 and spring 2024.",
        [
            ("on or about June 1, 2020", "The tenant moved in on or about June 1, 2020.", None),
            ("c. Mar. 2021", "Approximately March 2021 the roof leaked.", None),
            (
                "after July 4, 2021",
                "Sometime after July 4, 2021 the landlord sold the building.",
                None,
            ),
            ("late 2022", "In late 2022 the city inspected it.", None),
            ("Q3 2023", "Inspections happened in Q3 2023 and spring 2024.", None),
        ],
    ),
    (
        "abbreviations do not end sentences",
        "Mr. J. Doe of Acme Inc. wrote to the U.S. Dept. of Labor on Jan. 3, 2020. He got no answer.",
        [
            (
                "Jan. 3, 2020",
                "Mr. J. Doe of Acme Inc. wrote to the U.S. Dept. of Labor on Jan. 3, 2020.",
                None,
            )
        ],
    ),
    (
        "citations and bare dates are not facts",
        "See Smith v. Jones, 123 F.3d 456 (9th Cir. Mar. 3, 1999).\n\nMarch 5, 2024\n\n"
        "Cf. Doe v. Roe, No. 12-cv-1 (D. Mass. Jan. 2, 2013). "
        "The board voted on 2020-05-06 to close the plant.",
        [("May 6, 2020", "The board voted on 2020-05-06 to close the plant.", None)],
    ),
    (
        "signature, docket stamps and e-mail headers",
        "Respectfully submitted on March 1, 2024\n"
        "Dated this 5th day of March, 2024.\n"
        "Filed 03/05/24\n"
        "Entered on docket 03/06/2024\n"
        "Date: March 7, 2024\n"
        "/s/ Jane Roe, March 7, 2024\n"
        "Page 2 of 9\n",
        [],
    ),
    (
        "scanned reporter text without spaces",
        "For these reasons we reverse.FACTS{2} On March 29, 1996, Worker was injured at work.{3} "
        "On December 10, 1997, the judge awarded benefits.",
        [
            ("Mar. 29, 1996", "On March 29, 1996, Worker was injured at work.", None),
            ("Dec. 10, 1997", "On December 10, 1997, the judge awarded benefits.", None),
        ],
    ),
    (
        "headings and numbered paragraphs start sentences",
        "STATEMENT OF FACTS\n12. On 4/5/2023 the contract was amended\n"
        "• The new price took effect May 1, 2023\n",
        [
            ("Apr. 5, 2023", "On 4/5/2023 the contract was amended", None),
            ("May 1, 2023", "The new price took effect May 1, 2023", None),
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_suggestions(name: str, text: str, expected: list[tuple[str, str, int | None]]) -> None:
    found = suggest_facts(text)
    assert [(f.date.display, f.sentence, f.page) for f in found] == expected
    _check_offsets(text, found)


def _check_offsets(text: str, found: list[SuggestedFact]) -> None:
    starts = [f.start for f in found]
    assert starts == sorted(starts)
    for fact in found:
        shown = " ".join(
            re.sub(r"(?<=[a-z])-[ \t]*\n\s*(?=[a-z])", "", text[fact.start : fact.end]).split()
        )
        assert shown.strip(" ,;:") == fact.sentence
        assert len(fact.sentence) <= MAX_SENTENCE
        if fact.page is not None:
            assert text.count("\f", 0, fact.start) == fact.page - 1


def test_text_typed_is_kept_on_the_date() -> None:
    (fact,) = suggest_facts("The lease was signed on or about the 5th day of March, 2024 by both.")
    assert fact.date.kind == "circa"
    assert fact.date.text == "on or about the 5th day of March, 2024"


def test_long_sentence_cut_at_clauses_around_the_date() -> None:
    before = ", ".join(f"clause number {i} about the history of the parties" for i in range(12))
    after = "; ".join(f"and then clause {i} about what followed the meeting" for i in range(12))
    text = f"{before}, and on July 7, 2021 the parties met at the site; {after}."
    (fact,) = suggest_facts(text)
    assert len(fact.sentence) <= MAX_SENTENCE
    assert "July 7, 2021 the parties met at the site" in fact.sentence
    assert fact.sentence.startswith(("clause", "and"))
    _check_offsets(text, [fact])


def test_one_long_clause_cut_at_words() -> None:
    words = " ".join(f"word{i}" for i in range(150))
    text = f"{words} on July 7, 2021 {words}."
    (fact,) = suggest_facts(text)
    assert len(fact.sentence) <= MAX_SENTENCE
    assert "July 7, 2021" in fact.sentence
    assert not re.search(r"\bord\d", fact.sentence)  # no word cut in half


def test_limit_and_dedupe() -> None:
    text = " ".join(f"Payment {i} was made on March {i % 28 + 1}, 2024." for i in range(300))
    assert len(suggest_facts(text)) == 200
    assert len(suggest_facts(text, limit=5)) == 5
    assert len(suggest_facts("The payment was made on March 1, 2024. " * 10)) == 1


def test_empty_and_dateless() -> None:
    assert suggest_facts("") == []
    assert suggest_facts("\f\f\f") == []
    assert suggest_facts("No dates here at all. Section 12 applies in 1999.") == []


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(
                [
                    "On March 5, 2024 the parties met.",
                    "\f",
                    "\n\n",
                    "Page 1 of 3\n",
                    "In June 2020 it rained. ",
                    "Dated: 1/2/2024\n",
                    "CERTIFICATE OF SERVICE\n",
                    "Mr. ",
                    "1. ",
                ]
            ),
        ),
        max_size=12,
    ).map("".join)
)
def test_never_fails_and_offsets_hold(text: str) -> None:
    found = suggest_facts(text)
    _check_offsets(text, found)
    assert len({f.sentence.casefold() for f in found}) == len(found)


def _opinions(name: str) -> list[dict[str, str]]:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared court opinions are optional)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_supreme_court_opinion() -> None:
    (opinion,) = [o for o in _opinions("scotus-50.jsonl") if o["id"] == "cl-4162535"]
    found = suggest_facts(opinion["text"])
    _check_offsets(opinion["text"], found)
    first = found[0]
    assert first.date.display == "Oct. 29, 2010"
    assert "a Houston police officer shot petitioner Ricardo Salazar-Limon" in first.sentence
    assert first.page is not None and first.page > 1
    # The running header "Cite as: 581 U. S. ____ (2017)" is never suggested.
    assert not any("Cite as" in f.sentence for f in found)


def test_court_opinions_corpus() -> None:
    opinions = _opinions("nm-appellate-500.jsonl")[:150]
    total = 0
    for opinion in opinions:
        found = suggest_facts(opinion["text"])
        _check_offsets(opinion["text"], found)
        total += len(found)
        for fact in found:
            assert fact.date.start is not None or fact.date.end is not None
            assert not fact.sentence.lower().startswith(("see ", "cf. ", "id. "))
    assert total > 500
