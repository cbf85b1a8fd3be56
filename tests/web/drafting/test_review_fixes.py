"""What the review of the drafting pages asked for: answers that could not be used are named
in the preview and marked beside their questions, bold text stays bold, the matter's court's
templates come first, answers are shown by label and formatted, money reads "5,000.00"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from django.test import Client

from casedesk.web.drafting import selectors
from casedesk.web.drafting.forms import amount_text, answer_lines, question_rows
from casedesk.web.drafting.models import DraftTemplate
from casedesk.web.drafting.preview import document_preview, read_blocks, segments
from casedesk.web.drafting.services import draft_prepare
from casedesk.web.drafting.template_services import template_upload

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def fee_template(make_docx: Callable[..., Path], attorney: Any) -> Any:
    """A letter asking for the hourly rate, the retainer and the scope."""
    return template_upload(
        by=attorney,
        name="Fee letter",
        path=make_docx(
            [
                "Rate {{ fee.hourly_rate|money }}; retainer {{ fee.retainer|money }}.",
                "Scope: {{ engagement.scope }}",
            ]
        ),
        filename="fee.docx",
        kind="letter",
    )


def test_preview_counts_bad_answers_apart_from_unanswered(
    matter: Any, secretary: Any, fee_template: Any
) -> None:
    preview = document_preview(
        by=secretary,
        matter=matter,
        template=fee_template,
        raw_answers={"fee.hourly_rate": "lots", "fee.retainer": "", "engagement.scope": "All"},
    )
    assert [(p.label, p.error) for p in preview.invalid] == [
        ("Hourly rate", "Give an amount of money like 5,000.00.")
    ]
    assert preview.invalid[0].input_id == "q-fee-hourly-rate"
    assert preview.unanswered == ["Retainer amount"]


def test_htmx_preview_names_the_problem_and_marks_the_question_out_of_band(
    matter: Any, secretary: Any, fee_template: Any
) -> None:
    url = f"/drafting/matter/{matter.pk}/template/{fee_template.pk}/"
    response = _client(secretary).post(
        url,
        {"action": "preview", "fee.hourly_rate": "lots", "fee.retainer": "5,000"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 answer could not be used" in body
    assert '<a href="#q-fee-hourly-rate">Hourly rate</a>: Give an amount of money like' in body
    assert "marks 1 question not answered yet" in body  # the scope, left blank
    assert 'id="q-fee-hourly-rate-row" hx-swap-oob="true"' in body
    row = body.split('id="q-fee-hourly-rate-row"', 1)[1].split("</div>", 1)[0]
    assert 'aria-invalid="true"' in row and "Give an amount of money like 5,000.00." in row
    other = body.split('id="q-fee-retainer-row"', 1)[1].split("</div>", 1)[0]
    assert "aria-invalid" not in other


def test_money_help_and_saved_answers_read_with_commas(
    matter: Any, secretary: Any, fee_template: Any
) -> None:
    draft = draft_prepare(secretary, matter, fee_template, {})
    rows = question_rows(draft.questions, {}, {"fee.retainer": "5000.00"})
    by_name = {r.name: r for r in rows}
    assert by_name["fee.retainer"].value == "5,000.00"
    assert "5000" not in by_name["fee.retainer"].help
    typed = question_rows(draft.questions, {"fee.retainer": "5000"}, {})
    assert {r.name: r for r in typed}["fee.retainer"].value == "5000"  # as typed
    assert amount_text("425") == "425.00" and amount_text("lots") == "lots"


def test_preview_keeps_bold_runs(tmp_path: Path) -> None:
    path = tmp_path / "bold.docx"
    document = docx.Document()
    document.add_heading("1. Scope", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("Re: ").bold = True
    paragraph.add_run("[Answer: Subject] and more")
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].paragraphs[0].add_run("PLAINTIFF").bold = True
    document.save(str(path))
    blocks = read_blocks(path)
    heading, line, row = blocks[0], blocks[1], blocks[-1]
    assert heading.cells[0][0].bold and heading.cells[0][0].text == "1. Scope"
    assert [(s.text, s.placeholder, s.bold) for s in line.cells[0]] == [
        ("Re: ", False, True),
        ("[Answer: Subject]", True, False),
        (" and more", False, False),
    ]
    assert row.cells[0][0].bold
    assert segments("plain") == segments("plain", ())


def test_answers_used_show_labels_and_formatted_values() -> None:
    lines = answer_lines(
        {
            "fee.hourly_rate": "5000.00",
            "hearing.date": "2027-02-04",
            "hearing_room": "12",
            "needs_interpreter": "yes",
        }
    )
    shown = [(line.label, line.text) for line in lines]
    assert shown[0] == ("Hourly rate", "$5,000.00")
    assert shown[1][1] == "Feb 4, 2027"
    assert shown[2] == ("Hearing room", "12")
    assert shown[3][1] in ("Yes", "yes")


def _starter(starter_id: str, kind: str, by: Any, make_docx: Callable[..., Path]) -> Any:
    template = template_upload(
        by=by,
        name=starter_id,
        path=make_docx(["{{ client.name }}"]),
        filename=f"{starter_id}.docx",
        kind=kind,
    )
    DraftTemplate.objects.filter(pk=template.pk).update(starter_id=starter_id)
    return template


def test_the_chooser_puts_the_matters_court_first_and_dims_other_courts(
    matter: Any, secretary: Any, attorney: Any, make_docx: Callable[..., Path]
) -> None:
    for sid, kind in (
        ("notice-of-hearing-federal", "notice"),
        ("notice-of-hearing-ca", "notice"),
        ("notice-of-motion-ca-pleading-paper", "pleading"),
        ("notice-of-motion-tx", "pleading"),
        ("engagement-letter", "letter"),
    ):
        _starter(sid, kind, attorney, make_docx)
    assert selectors.matter_court_family(matter) == "ca"
    groups = selectors.templates_by_kind(DraftTemplate.objects.all(), "ca")
    assert [g.label for g in groups] == ["Letter", "Notice", "Pleading"]
    notice = groups[1]
    assert [(c.template.starter_id, c.for_court) for c in notice.choices] == [
        ("notice-of-hearing-ca", True)
    ]
    assert [c.template.starter_id for c in notice.other_courts] == ["notice-of-hearing-federal"]
    assert groups[2].choices[0].template.starter_id == "notice-of-motion-ca-pleading-paper"
    page = _client(secretary).get(f"/drafting/matter/{matter.pk}/").content.decode()
    assert "For this matter&#x27;s court" in page or "For this matter's court" in page
    assert "Other courts" in page
    # an unknown court: nothing is set apart
    plain = selectors.templates_by_kind(DraftTemplate.objects.all(), "other")
    assert all(not g.other_courts and not any(c.for_court for c in g.choices) for g in plain)


def test_template_list_in_kind_order_and_update_button(
    admin_user: Any, attorney: Any, make_docx: Callable[..., Path]
) -> None:
    client = _client(admin_user)
    page = client.get("/drafting/templates/").content.decode()
    assert "Install the starter library" in page and "Update the starter library" not in page
    _starter("stipulation-extending-time", "stipulation", attorney, make_docx)
    _starter("engagement-letter", "letter", attorney, make_docx)
    page = client.get("/drafting/templates/").content.decode()
    assert "Update the starter library" in page and "Install the starter library<" not in page
    assert page.index("<h3>Letter</h3>") < page.index("<h3>Stipulation</h3>")


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/drafting/templates/", "Templates"),
        ("/drafting/firm/", "Templates"),
        ("/drafting/matter/{m}/", "Matters"),
        ("/correspondence/matter/{m}/", "Matters"),
        ("/correspondence/import/", "Import e-mail"),
    ],
)
def test_nav_highlights_the_right_section(
    admin_user: Any, matter: Any, path: str, current: str
) -> None:
    page = _client(admin_user).get(path.format(m=matter.pk)).content.decode()
    nav = page.split('<nav class="mainnav"', 1)[1].split("</nav>", 1)[0]
    marked = [
        part.split(">", 1)[1].split("<", 1)[0]
        for part in nav.split("<a ")[1:]
        if 'aria-current="page"' in part.split(">", 1)[0]
    ]
    assert marked == [current]
