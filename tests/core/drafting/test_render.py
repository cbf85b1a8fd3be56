"""Rendering: sandboxed, escaped, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from casedesk.core.drafting import (
    DraftingError,
    MissingFields,
    TemplateError,
    TemplateRefused,
    render_docx,
    sandbox_environment,
)
from tests.core.drafting.test_fields import LETTER, LETTER_DATA, make_docm, make_docx


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_a_letter_renders_with_loops_conditions_filters_and_unicode(tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    render_docx(make_docx(tmp_path / "t.docx", LETTER), LETTER_DATA, out)
    assert _texts(out) == [
        "Smith & Jones, Attorneys at Law",
        "Re: 24STCV12345, NGUYỄN THỊ HỒNG",
        "Dear Nguyễn Thị Hồng:",
        "1. Teresa Montoya, Plaintiff",
        "2. محمد عبد الله, Defendant",
        "This matter is urgent; she must sign by March 5, 2027.",
        "Fee: $1,500.00",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.docx", "t.docx"]  # no temp left


def test_a_false_condition_drops_its_paragraphs(tmp_path: Path) -> None:
    data = {**LETTER_DATA, "matter": {**LETTER_DATA["matter"], "urgent": False}}  # type: ignore[dict-item]
    out = tmp_path / "letter.docx"
    render_docx(make_docx(tmp_path / "t.docx", LETTER), data, out)
    assert not any("urgent" in text for text in _texts(out))


def test_values_are_escaped_so_ampersands_and_markup_survive(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Firm: {{ firm }}; note: {{ note }}"])
    out = tmp_path / "out.docx"
    render_docx(template, {"firm": "Smith & Jones", "note": "<w:t>a</w:t> & 'b' \"c\""}, out)
    assert _texts(out) == ["Firm: Smith & Jones; note: <w:t>a</w:t> & 'b' \"c\""]


def test_missing_fields_are_listed_exactly_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    data = {
        "client": {"pronouns": "she"},
        "matter": {"urgent": True, "fee": 10},
        "parties": [{"name": "A", "role": "x"}, {"name": "B"}],
    }
    with pytest.raises(MissingFields) as caught:
        render_docx(make_docx(tmp_path / "t.docx", LETTER), data, out)
    assert caught.value.names == [
        "matter.case_number",
        "client.name",
        "parties[].role",
        "matter.due",
    ]
    assert "matter.case_number, client.name, parties[].role, matter.due" in str(caught.value)
    assert isinstance(caught.value, DraftingError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.docx"]


def test_an_existing_output_is_left_alone_when_rendering_fails(tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    out.write_bytes(b"the previous letter")
    with pytest.raises(MissingFields):
        render_docx(make_docx(tmp_path / "t.docx", ["{{ a }}"]), {}, out)
    assert out.read_bytes() == b"the previous letter"


def test_the_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Pwn: {{ ''.__class__ }}"])
    with pytest.raises(TemplateError, match="may not touch"):
        render_docx(template, {}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_the_sandbox_refuses_internals_reached_at_run_time(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Pwn: {{ firm|attr('__class__') }} end"])
    with pytest.raises(TemplateError, match="may not touch") as caught:
        render_docx(template, {"firm": "x"}, tmp_path / "out.docx")
    assert "Pwn: {{ firm|attr('__class__') }} end" in str(caught.value)
    assert not (tmp_path / "out.docx").exists()


def test_the_environment_is_sandboxed_strict_and_escaping() -> None:
    missing: list[str] = []
    env = sandbox_environment(missing)
    assert env.autoescape is True
    assert env.from_string("{{ a|money }} {{ b }}").render(a=5, b="R&D") == "$5.00 R&amp;D"
    with pytest.raises(Exception, match="unsafe"):
        env.from_string("{{ ''.__class__ }}").render()
    with pytest.raises(Exception, match="undefined"):
        env.from_string("{{ nobody }}").render()
    assert missing == ["nobody"]


def test_a_filter_failure_quotes_its_paragraph(tmp_path: Path) -> None:
    template = make_docx(
        tmp_path / "t.docx", ["First.", "Pay {{ amount|money_words }} now, please.", "Last."]
    )
    with pytest.raises(TemplateError) as caught:
        render_docx(template, {"amount": -3}, tmp_path / "out.docx")
    message = str(caught.value)
    assert "negative" in message
    assert "Pay {{ amount|money_words }} now, please." in message
    assert "First." not in message
    assert not (tmp_path / "out.docx").exists()


def test_a_syntax_error_quotes_its_paragraph(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Dear {{ client.name }} {% if %} there"])
    with pytest.raises(TemplateError, match=r"Dear \{\{ client.name \}\} \{% if %\} there"):
        render_docx(template, {"client": {"name": "A"}}, tmp_path / "out.docx")


def test_a_docm_is_refused(tmp_path: Path) -> None:
    docm = make_docm(tmp_path / "letter.docm", make_docx(tmp_path / "t.docx", ["{{ a }}"]))
    with pytest.raises(TemplateRefused, match=r"macro-enabled Word document \(\.docm\)"):
        render_docx(docm, {"a": 1}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_headers_render_too(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Body {{ a }}"], header="Case {{ matter.number }}")
    out = tmp_path / "out.docx"
    render_docx(template, {"a": "A & B", "matter": {"number": "24-1"}}, out)
    rendered = docx.Document(str(out))
    assert rendered.paragraphs[0].text == "Body A & B"
    assert rendered.sections[0].header.paragraphs[0].text == "Case 24-1"
