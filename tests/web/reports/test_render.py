"""The report's HTML parts and files: escaping, parts of a long report, the timeline."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from casedesk.core.reports.model import Chronology, DocumentEntry, Fact
from casedesk.web.reports.render import plan, report_html_parts, report_pdf
from tests.core.reports.samples import ARABIC, VIETNAMESE, sample_report

EVIL = '<script>alert("x")</script> & <b>bold</b>'


def test_everything_users_typed_is_escaped() -> None:
    report = dataclasses.replace(
        sample_report(),
        matter_title=EVIL,
        chronology=Chronology(
            facts=(Fact(date="2024", year="2024", description=EVIL, people=(EVIL,)),), total=1
        ),
        documents=(DocumentEntry(title=EVIL, category=EVIL, bates=EVIL),),
    )
    (html,) = report_html_parts(report)
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert html.count("&lt;script&gt;") >= 5


def test_a_small_report_is_one_part_with_every_section() -> None:
    (html,) = report_html_parts(sample_report())
    for number, title in enumerate(
        (
            "Caption and summary",
            "Clients and parties",
            "Conflict check",
            "Key dates and deadlines",
            "Chronology of facts",
            "Case file index",
            "Authorities",
            "Open tasks",
        ),
        start=1,
    ):
        assert f"{number}. {title}</h2>" in html
    assert VIETNAMESE in html and ARABIC in html
    assert 'class="cover"' in html and "Prepared by Cleo Clerk" in html


def test_a_long_report_is_cut_at_group_boundaries() -> None:
    report = sample_report(facts=2000, documents=5000)
    parts = report_html_parts(report)
    assert len(parts) == len(plan(report)) > 5
    assert 'class="cover"' in parts[0] and not any('class="cover"' in p for p in parts[1:])
    assert "Prepared by Cleo Clerk on" in parts[-1] and "Prepared by Cleo Clerk on" not in parts[1]
    continued = [p for p in parts[1:] if "(continued)</span></h2>" in p]
    assert continued  # later parts say which section they continue
    blocks = [b for p in parts for b in re.findall(r'<pre class="facts">(.*?)</pre>', p, re.S)]
    facts = sum(b.count("<b>") for b in blocks)
    documents = sum(len(re.findall(r"(?m)(?:^|>)(?:\d{4}-\d{2}-\d{2}|n\.d\.)\t", p)) for p in parts)
    assert (facts, documents) == (2000, 5000)


def test_long_lines_are_broken_to_the_column() -> None:
    from casedesk.core.reports.textfit import text_width
    from casedesk.web.reports.render import FACT_WIDTH_MM, TEXT_PT, _fact_lines

    fact = Fact(
        date="Dec. 31, 2019 – Jan. 15, 2020",
        description=" ".join(["warehouse"] * 60) + " " + VIETNAMESE + " " + ARABIC,
        source="A" * 400,
        material=True,
    )
    lines = _fact_lines(fact).split("\n")
    assert lines[0] == "<b>Dec. 31, 2019 – Jan. 15, 2020</b>"  # too wide for the date column
    plain = [re.sub(r"<[^>]+>", "", line).lstrip("\t") for line in lines[1:]]
    assert all(text_width(line, TEXT_PT) <= FACT_WIDTH_MM for line in plain)
    assert any(VIETNAMESE in line for line in plain) and plain[-1].endswith("A" * 10)


def test_the_timeline_goes_into_the_chronology_once() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    (html,) = report_html_parts(sample_report(), timeline_svg=svg)
    assert html.count("data:image/svg+xml;base64,") == 1


@pytest.mark.slow
def test_the_pdf_of_a_small_report(tmp_path: Any) -> None:
    import subprocess

    rendered = report_pdf(sample_report())
    path = tmp_path / "r.pdf"
    path.write_bytes(rendered.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert VIETNAMESE in text and f"Page {rendered.pages} of {rendered.pages}" in text
    assert [label for label, _ in rendered.bookmarks][:2] == [
        "1. Caption and summary",
        "2. Clients and parties",
    ]
