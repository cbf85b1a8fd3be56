"""Field discovery: dotted names, loops, conditions, headers, and the files refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from casedesk.core.drafting import (
    DraftingError,
    TemplateError,
    TemplateField,
    TemplateRefused,
    missing_fields,
    template_fields,
)

LETTER = [
    "Smith & Jones, Attorneys at Law",
    "Re: {{ matter.case_number }}, {{ client.name|caption_name }}",
    "Dear {{ client.name }}:",
    "{%p for p in parties %}",
    "{{ loop.index }}. {{ p.name }}, {{ p.role }}",
    "{%p endfor %}",
    "{%p if matter.urgent %}",
    "This matter is urgent; {{ client|subject_pronoun }} must sign by {{ matter.due|long_date }}.",
    "{%p endif %}",
    "Fee: {{ matter.fee|money }}",
]

LETTER_DATA = {
    "client": {"name": "Nguyễn Thị Hồng", "pronouns": "she/her"},
    "matter": {"case_number": "24STCV12345", "urgent": True, "due": "2027-03-05", "fee": "1500"},
    "parties": [
        {"name": "Teresa Montoya", "role": "Plaintiff"},
        {"name": "محمد عبد الله", "role": "Defendant"},
    ],
}


def make_docx(
    path: Path,
    paragraphs: list[str],
    *,
    header: str | None = None,
    split_runs: bool = False,
) -> Path:
    """A Word document with one paragraph per string (optionally split into several runs)."""
    document = docx.Document()
    for text in paragraphs:
        if split_runs and len(text) > 4:
            paragraph = document.add_paragraph()
            middle = len(text) // 2
            paragraph.add_run(text[:middle])
            paragraph.add_run(text[middle:]).bold = True
        else:
            document.add_paragraph(text)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


def make_docm(path: Path, source: Path) -> Path:
    """``source`` turned into a macro-enabled document: its content type and a vbaProject.bin."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            dst.writestr(item, data)
        dst.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a macro")
    return path


def test_fields_of_a_letter_in_order_with_kinds_and_paragraphs(tmp_path: Path) -> None:
    fields = template_fields(make_docx(tmp_path / "letter.docx", LETTER))
    assert [(f.name, f.kind) for f in fields] == [
        ("matter.case_number", "value"),
        ("client.name", "value"),
        ("parties", "list"),
        ("parties[].name", "value"),
        ("parties[].role", "value"),
        ("matter.urgent", "condition"),
        ("client", "value"),
        ("matter.due", "value"),
        ("matter.fee", "value"),
    ]
    by_name = {f.name: f for f in fields}
    assert by_name["client.name"].paragraph == (
        "Re: {{ matter.case_number }}, {{ client.name|caption_name }}"
    )
    assert by_name["parties"].paragraph == "{% for p in parties %}"
    assert by_name["parties[].role"].paragraph == "{{ loop.index }}. {{ p.name }}, {{ p.role }}"
    assert by_name["matter.urgent"].paragraph == "{% if matter.urgent %}"
    assert all(f.required for f in fields)


def test_tags_split_across_runs_are_found(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Dear {{ client.name }}, hello"], split_runs=True)
    assert [f.name for f in template_fields(template)] == ["client.name"]


def test_headers_and_footers_count(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Body {{ a }}"], header="Case {{ matter.number }}")
    assert [f.name for f in template_fields(template)] == ["a", "matter.number"]


def test_nested_loops_locals_and_optional_names(tmp_path: Path) -> None:
    template = make_docx(
        tmp_path / "t.docx",
        [
            "{%p for p in parties %}",
            "{%p for a in p.addresses %}",
            "{{ a.city }} {{ p['name'] }}",
            "{%p endfor %}",
            "{%p endfor %}",
            "{% set greeting = 'Dear' %}{{ greeting }} {{ client.name.upper() }}",
            "{{ client.email|default('no e-mail') }}{% if client.fax is defined %}x{% endif %}",
            "{% for k, v in extra.items() %}{{ k }}={{ v }}{% endfor %}",
        ],
    )
    fields = {f.name: f for f in template_fields(template)}
    assert list(fields) == [
        "parties",
        "parties[].addresses",
        "parties[].addresses[].city",
        "parties[].name",
        "client.name",
        "client.email",
        "client.fax",
        "extra",
    ]
    assert fields["parties[].addresses"].kind == "list"
    assert not fields["client.email"].required
    assert not fields["client.fax"].required
    assert fields["client.name"].required


@pytest.mark.parametrize(
    ("paragraphs", "required", "optional"),
    [
        # what an {% if %} tests guards what is read under it
        (
            ["{%p if next_hearing|default(none) %}", "{{ next_hearing.date }}", "{%p endif %}"],
            [],
            ["next_hearing", "next_hearing.date"],
        ),
        (
            ["{%p if hearing %}", "{{ hearing.time }} {{ client.name }}", "{%p endif %}"],
            ["hearing", "client.name"],
            ["hearing.time"],
        ),
        # a test on one attribute does not guard its siblings
        (
            ['{% if client.kind == "person" %}{{ client.name }}{% endif %}'],
            ["client.kind", "client.name"],
            [],
        ),
        # read again outside the block: required after all
        (
            ["{% if judge %}{{ judge.name }}{% endif %}", "{{ judge.name }}"],
            ["judge", "judge.name"],
            [],
        ),
        # the else branch is not guarded by the test
        (
            ["{% if fax %}{{ fax.number }}{% else %}{{ email.address }}{% endif %}"],
            ["fax", "email.address"],
            ["fax.number"],
        ),
    ],
)
def test_fields_under_an_if_are_not_required(
    tmp_path: Path, paragraphs: list[str], required: list[str], optional: list[str]
) -> None:
    fields = {f.name: f for f in template_fields(make_docx(tmp_path / "t.docx", paragraphs))}
    assert sorted(n for n, f in fields.items() if f.required) == sorted(required)
    assert sorted(n for n, f in fields.items() if not f.required) == sorted(optional)


def test_missing_fields_checks_dotted_paths_and_each_list_item() -> None:
    fields = [
        TemplateField("client.name", "value", ""),
        TemplateField("parties", "list", ""),
        TemplateField("parties[].name", "value", ""),
        TemplateField("matter.case_number", "value", ""),
        TemplateField("client.email", "value", "", required=False),
    ]
    data = {"client": {"name": "A"}, "parties": [{"name": "B"}, {}], "matter": {}}
    assert missing_fields(fields, data) == ["parties[].name", "matter.case_number"]
    # a missing list is named once, not again for its items; an empty list lacks nothing
    assert missing_fields(fields, {"client": {"name": "A"}, "matter": {"case_number": 1}}) == [
        "parties"
    ]
    assert missing_fields(fields, {"client": {"name": "A"}, "parties": [], "matter": {}}) == [
        "matter.case_number"
    ]


def test_a_reach_for_python_internals_is_refused(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Hello {{ ''.__class__.__mro__ }} there"])
    with pytest.raises(TemplateError, match="__class__") as caught:
        template_fields(template)
    assert "Hello {{ ''.__class__.__mro__ }} there" in str(caught.value)


def test_a_syntax_error_quotes_its_paragraph(tmp_path: Path) -> None:
    template = make_docx(
        tmp_path / "t.docx",
        ["A fine paragraph.", "Dear {{ client.name }, please sign.", "Another one."],
    )
    with pytest.raises(TemplateError) as caught:
        template_fields(template)
    message = str(caught.value)
    assert "syntax error" in message
    assert "Dear {{ client.name }, please sign." in message
    assert "A fine paragraph" not in message


def test_an_unclosed_block_is_a_template_error(tmp_path: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["{%p if client.vip %}", "VIP"])
    with pytest.raises(TemplateError, match="syntax error"):
        template_fields(template)


def test_a_docm_is_refused_by_content_not_name(tmp_path: Path) -> None:
    plain = make_docx(tmp_path / "plain.docx", ["{{ a }}"])
    docm = make_docm(tmp_path / "disguised.docx", plain)
    with pytest.raises(TemplateRefused, match="macro-enabled"):
        template_fields(docm)


def test_a_vba_part_alone_is_refused(tmp_path: Path) -> None:
    plain = make_docx(tmp_path / "plain.docx", ["{{ a }}"])
    sneaky = tmp_path / "sneaky.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(sneaky, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/vbaProject.bin", b"macro")
    with pytest.raises(TemplateRefused, match="macro"):
        template_fields(sneaky)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7 not a word file", b"", b"PK\x03\x04 broken zip"],
)
def test_non_word_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(content)
    with pytest.raises(TemplateRefused, match="not a Word document"):
        template_fields(path)


def test_a_zip_that_is_not_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(TemplateRefused, match="not a Word document"):
        template_fields(path)


def test_a_missing_file_is_a_drafting_error(tmp_path: Path) -> None:
    with pytest.raises(DraftingError, match="no such file"):
        template_fields(tmp_path / "nope.docx")
