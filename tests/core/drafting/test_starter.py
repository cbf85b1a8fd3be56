"""The starter library: every template builds, uses only dictionary names, and renders right."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from casedesk.core.deadlines import SERVICE_METHODS
from casedesk.core.drafting import MissingFields, render_docx, template_fields
from casedesk.core.drafting.dictionary import lookup
from casedesk.core.drafting.starter import (
    StarterTemplate,
    UnknownStarter,
    build_starter,
    sample_data,
    starter_templates,
    starter_version,
)

IDS = [
    "engagement-letter",
    "declination-letter",
    "conflict-waiver-letter",
    "opposing-counsel-letter",
    "client-status-letter",
    "notice-of-hearing-federal",
    "notice-of-hearing-ca",
    "notice-of-hearing-ny",
    "notice-of-hearing-tx",
    "notice-of-motion-federal",
    "notice-of-motion-ca",
    "notice-of-motion-ny",
    "notice-of-motion-tx",
    "notice-of-motion-ca-pleading-paper",
    "proof-of-service",
    "stipulation-extending-time",
    "subpoena-cover-letter",
    "fax-cover-sheet",
    "email-cover-sheet",
    "email-client-update",
    "email-transmittal",
    "email-opposing-counsel",
]

LETTER = ["Hollis & Reyes LLP", "November 20, 2026", "Very truly yours,", "State Bar No. 187654"]
FEDERAL = ["UNITED STATES DISTRICT COURT", "NORTHERN DISTRICT OF CALIFORNIA", "JORDAN ROE,"]
FEDERAL += ["ACME CORP.,", "Case No. 3:26-cv-04512-JSC"]
CA = ["State Bar No. 187654", "Attorneys for Jordan Roe", "COUNTY OF ALAMEDA", "JORDAN ROE,"]
CA += ["SUPERIOR COURT OF THE STATE OF CALIFORNIA", "Case No. RG26-114523"]
NY = ["SUPREME COURT OF THE STATE OF NEW YORK", "COUNTY OF NEW YORK", "Index No. 654321/2026"]
NY += ["- against -", "4th day of February, 2027", "Attorneys for Acme Corp."]
TX = ["CAUSE NO. 2026-71234", "IN THE DISTRICT COURT OF", "HARRIS COUNTY, TEXAS", "§"]
TX += ["189TH JUDICIAL DISTRICT", "CERTIFICATE OF SERVICE", "Rule 21a", "JORDAN ROE,"]
HEARING = ["February 4, 2027", "9:00 a.m.", "Department 17", "1225 Fallon Street"]
MOTION = [*HEARING, "Request Nos. 4 through 9", "Jordan Roe will"]
TITLE = "MOTION TO COMPEL FURTHER RESPONSES TO REQUESTS FOR PRODUCTION"

EXPECTED: dict[str, list[str]] = {
    "engagement-letter": [
        *LETTER,
        "Dear Jordan Roe:",
        "Our File No. 2026-0142",
        "through trial in the Superior Court",
        "My hourly rate is $425.00",
        "Five Thousand and 00/100 Dollars ($5,000.00)",
        "Ending the Engagement",
        "Your File",
        "ACKNOWLEDGED AND AGREED",
    ],
    "declination-letter": [
        *LETTER,
        "Jordan Roe",
        "does not represent you in this matter",
        "statute of limitations",
        "not an opinion about the merits",
        "returning with this letter the documents",
    ],
    "conflict-waiver-letter": [
        *LETTER,
        "Dear Jordan Roe:",
        "unrelated commercial lease matter",
        "The Risks to You",
        "INFORMED WRITTEN CONSENT",
    ],
    "opposing-counsel-letter": [
        *LETTER,
        "Morgan Blake",
        "Blake Whitfield LLP",
        "Case No. RG26-114523",
        "Meet and confer regarding discovery responses",
        "boilerplate objections",
        "Dear Counsel:",
    ],
    "client-status-letter": [
        *LETTER,
        "Dear Jordan Roe:",
        "Acme Corp. answered the complaint",
        "The next hearing, Hearing on motion to compel, is set for February 4, 2027",
        "The next deadline is Opposition to motion due, which falls on January 21, 2027",
        "meet and confer with its counsel",
    ],
    "notice-of-hearing-federal": [*FEDERAL, *HEARING, "NOTICE OF HEARING ON " + TITLE],
    "notice-of-hearing-ca": [*CA, *HEARING, "Hon. Elena Marquez", "section 1005"],
    "notice-of-hearing-ny": [*NY, "NOTICE OF HEARING", "Jordan Roe's Motion to Compel"],
    "notice-of-hearing-tx": [*TX, *HEARING, "NOTICE OF HEARING ON " + TITLE],
    "notice-of-motion-federal": [*FEDERAL, *MOTION, "NOTICE OF MOTION AND " + TITLE],
    "notice-of-motion-ca": [*CA, *MOTION, "NOTICE OF MOTION AND " + TITLE],
    "notice-of-motion-ny": [*NY, "NOTICE OF MOTION", "CPLR 2214(b)", "Request Nos. 4 through 9"],
    "notice-of-motion-tx": [*TX, "Request Nos. 4 through 9", "Jordan Roe has filed"],
    "notice-of-motion-ca-pleading-paper": [*CA, *MOTION, "NOTICE OF MOTION AND " + TITLE],
    "proof-of-service": [
        *CA,
        "PROOF OF SERVICE",
        "I, Priya Nair, declare",
        "500 Grand Avenue, Suite 1200, Oakland, CA 94610",
        "January 11, 2027",
        "Declaration of Dana Hollis",
        "mblake@blakewhitfield.example",
        "under the laws of the State of California",
    ],
    "stipulation-extending-time": [
        *CA,
        "STIPULATION EXTENDING TIME TO RESPOND TO FIRST AMENDED COMPLAINT",
        "January 15, 2027",
        "February 12, 2027",
        "Morgan Blake",
        "Attorneys for Acme Corp.",
        "Dana Hollis",
    ],
    "subpoena-cover-letter": [
        *LETTER,
        "Custodian of Records, Bay Occupational Health Clinic",
        "Case No. RG26-114523",
        "represents Jordan Roe",
        "March 1, 2027",
        "All billing records for that treatment",
    ],
    "fax-cover-sheet": [
        "FACSIMILE TRANSMITTAL",
        "(415) 555-0111",
        "Priya Nair",
        "Roe v. Acme Corp. (Our File No. 2026-0142)",
        "CONFIDENTIALITY NOTICE",
        "Hollis & Reyes LLP",
    ],
    "email-cover-sheet": [
        "E-MAIL TRANSMITTAL",
        "mblake@blakewhitfield.example",
        "Priya Nair (pnair@hollisreyes.example)",
        "Roe v. Acme Corp. (Our File No. 2026-0142)",
        "CONFIDENTIALITY NOTICE",
    ],
    "email-client-update": [
        "Subject: ",
        "Dear Jordan,",
        "Best regards,",
        "State Bar No. 187654",
    ],
    "email-transmittal": ["Subject: ", "Roe v. Acme Corp.", "Best regards,"],
    "email-opposing-counsel": ["Subject: Roe v. Acme Corp., No. ", "Best regards,"],
}
FAMILY = {starter_id: starter_id.split("-")[-1] for starter_id in IDS if "notice-of" in starter_id}
FAMILY["notice-of-motion-ca-pleading-paper"] = "ca"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every starter template, built once for the module."""
    folder = tmp_path_factory.mktemp("starters")
    paths: dict[str, Path] = {}
    for template in starter_templates():
        paths[template.id] = folder / f"{template.id}.docx"
        build_starter(template.id, paths[template.id])
    return paths


def _paragraphs(document: Any) -> Iterator[str]:
    """The text of every paragraph: body (tables included), then headers and footers."""
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    for part in parts:
        for p in part.iter(qn("w:p")):
            yield Paragraph(p, None).text


def rendered_text(template: Path, data: dict[str, Any], out: Path) -> str:
    """Render ``template`` with ``data`` and return the document's text, one paragraph a line."""
    render_docx(template, data, out)
    return "\n".join(_paragraphs(docx.Document(str(out))))


def test_the_catalog_has_exactly_the_contract_ids() -> None:
    templates = starter_templates()
    assert [t.id for t in templates] == IDS
    kinds = {"letter", "notice", "pleading", "service", "stipulation", "cover", "email"}
    for template in templates:
        assert isinstance(template, StarterTemplate)
        assert template.kind in kinds
        assert template.name and template.description
        assert starter_version(template.id) == template.version >= 1


def test_an_unknown_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnknownStarter, match="no-such"):
        build_starter("no-such", tmp_path / "x.docx")
    with pytest.raises(UnknownStarter):
        starter_version("no-such")
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("starter_id", IDS)
def test_each_starter_builds_uses_dictionary_names_and_renders(
    built: dict[str, Path], starter_id: str, tmp_path: Path
) -> None:
    path = built[starter_id]
    assert zipfile.is_zipfile(path)
    fields = template_fields(path)
    assert fields
    assert [f.name for f in fields if lookup(f.name) is None] == []
    text = rendered_text(path, sample_data(FAMILY.get(starter_id, "ca")), tmp_path / "out.docx")
    missing = [expected for expected in EXPECTED[starter_id] if expected not in text]
    assert missing == []
    assert "{{" not in text and "{%" not in text and "}}" not in text


def test_rebuilding_gives_the_same_document(built: dict[str, Path], tmp_path: Path) -> None:
    for starter_id in ("engagement-letter", "proof-of-service"):
        again = tmp_path / f"{starter_id}.docx"
        build_starter(starter_id, again)
        with zipfile.ZipFile(built[starter_id]) as a, zipfile.ZipFile(again) as b:
            assert a.read("word/document.xml") == b.read("word/document.xml")


# one phrase per method, under California's rules (the sample court)
CA_METHOD_WORDING = {
    "personal": "BY PERSONAL SERVICE (Code Civ. Proc. § 1011)",
    "electronic": "BY ELECTRONIC SERVICE (Code Civ. Proc. § 1010.6)",
    "mail": "BY MAIL (Code Civ. Proc. §§ 1013(a), 1013a(3))",
    "mail-out-of-state": "outside the State of California but within the United States",
    "mail-international": "The place of address is outside the United States.",
    "clerk": "BY SERVICE ON THE CLERK (Code Civ. Proc. § 1015)",
    "other-consented": "(Code Civ. Proc. § 1013(c), (e))",
}


def test_every_service_method_has_wording() -> None:
    assert set(CA_METHOD_WORDING) == set(SERVICE_METHODS) - {"none"}


@pytest.mark.parametrize("method", sorted(CA_METHOD_WORDING))
def test_proof_of_service_says_how_each_method_was_used(
    built: dict[str, Path], method: str, tmp_path: Path
) -> None:
    data = sample_data("ca")
    data["service"]["method"] = method
    text = rendered_text(built["proof-of-service"], data, tmp_path / "pos.docx")
    assert CA_METHOD_WORDING[method] in text
    others = [w for m, w in CA_METHOD_WORDING.items() if m != method and w in text]
    assert others == []


FAMILY_PROOF = {
    "federal": [
        "UNITED STATES DISTRICT COURT",
        "PROOF OF SERVICE",
        "BY MAIL (Fed. R. Civ. P. 5(b)(2)(C))",
        "under the laws of the United States of America",
    ],
    "ny": [
        "Index No. 654321/2026",
        "AFFIRMATION OF SERVICE",
        "I, Priya Nair, affirm",
        "within the State of New York",
        "I affirm this 20th day of November, 2026, under the penalties of perjury",
    ],
    "tx": [
        "CAUSE NO. 2026-71234",
        "CERTIFICATE OF SERVICE",
        "(Tex. R. Civ. P. 21a(a)(2), (b)(1))",
        "my date of birth is",
        "on the 20th day of November, 2026",
    ],
    "other": [
        "CIRCUIT COURT OF COOK COUNTY, ILLINOIS",
        "Case No. 2026-L-004512",
        "BY MAIL: I enclosed",
        "I declare under penalty of perjury that the foregoing is true and correct.",
    ],
}


@pytest.mark.parametrize("family", sorted(FAMILY_PROOF))
def test_proof_of_service_follows_the_court_family(
    built: dict[str, Path], family: str, tmp_path: Path
) -> None:
    data = sample_data(family)
    data["service"]["method"] = "mail"
    text = rendered_text(built["proof-of-service"], data, tmp_path / "pos.docx")
    assert [w for w in FAMILY_PROOF[family] if w not in text] == []
    assert "Code Civ. Proc." not in text


def test_a_state_court_is_not_asked_for_a_federal_district(
    built: dict[str, Path], tmp_path: Path
) -> None:
    data = sample_data("ca")
    for name in ("district", "judicial_district"):
        del data["court"][name]
    for starter_id in ("proof-of-service", "stipulation-extending-time"):
        text = rendered_text(built[starter_id], data, tmp_path / "out.docx")
        assert "COUNTY OF ALAMEDA" in text


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        ("federal", ["STIPULATION AND [PROPOSED] ORDER", "IT IS SO ORDERED", "6(b)(1)(A)"]),
        ("ny", ["CPLR 2104", "Index No. 654321/2026"]),
        ("tx", ["RULE 11 AGREEMENT EXTENDING TIME", "Rule 11 of the Texas Rules"]),
    ],
)
def test_the_stipulation_takes_the_family_form(
    built: dict[str, Path], family: str, expected: list[str], tmp_path: Path
) -> None:
    text = rendered_text(built["stipulation-extending-time"], sample_data(family), tmp_path / "s")
    assert [w for w in expected if w not in text] == []


def test_the_pleading_paper_has_28_numbered_lines_and_a_footer_title(
    built: dict[str, Path], tmp_path: Path
) -> None:
    template = docx.Document(str(built["notice-of-motion-ca-pleading-paper"]))
    header = template.sections[0].header
    numbers = [p.text for p in header.paragraphs if p.text]
    assert numbers == [str(n) for n in range(1, 29)]
    assert header._element.findall(".//" + qn("w:framePr"))
    body_rules = {
        p.paragraph_format.line_spacing_rule
        for p in template.paragraphs
        if p.paragraph_format.line_spacing_rule is not None
    }
    assert {str(rule) for rule in body_rules} == {"EXACTLY (4)"}
    out = tmp_path / "pp.docx"
    render_docx(built["notice-of-motion-ca-pleading-paper"], sample_data(), out)
    footer = "\n".join(p.text for p in docx.Document(str(out)).sections[0].footer.paragraphs)
    assert "NOTICE OF MOTION AND " + TITLE in footer
    plain = docx.Document(str(built["notice-of-motion-ca"])).sections[0].header
    assert not [p.text for p in plain.paragraphs if p.text]


@pytest.mark.parametrize("starter_id", ["notice-of-hearing-ca", "notice-of-motion-federal"])
def test_a_missing_hearing_is_named(
    built: dict[str, Path], starter_id: str, tmp_path: Path
) -> None:
    data = sample_data(FAMILY[starter_id])
    del data["hearing"]
    out = tmp_path / "out.docx"
    with pytest.raises(MissingFields) as caught:
        render_docx(built[starter_id], data, out)
    assert "hearing.date" in caught.value.names
    assert all(name.startswith("hearing.") for name in caught.value.names)
    assert not out.exists()


def test_a_missing_answer_in_a_letter_is_named(built: dict[str, Path], tmp_path: Path) -> None:
    data = sample_data()
    del data["fee"]
    with pytest.raises(MissingFields) as caught:
        render_docx(built["engagement-letter"], data, tmp_path / "out.docx")
    assert caught.value.names == ["fee.hourly_rate", "fee.retainer"]


@pytest.mark.parametrize("absent", ["none", "missing"])
def test_the_status_letter_leaves_out_a_hearing_or_deadline_there_is_not(
    built: dict[str, Path], absent: str, tmp_path: Path
) -> None:
    data = sample_data()
    for name in ("next_hearing", "next_deadline"):
        if absent == "none":
            data[name] = None
        else:
            del data[name]
    text = rendered_text(built["client-status-letter"], data, tmp_path / "out.docx")
    assert "next hearing" not in text and "next deadline" not in text
    assert "Acme Corp. answered the complaint" in text


def test_an_organisation_client_signs_through_a_person(
    built: dict[str, Path], tmp_path: Path
) -> None:
    data = sample_data()
    person = rendered_text(built["engagement-letter"], data, tmp_path / "a.docx")
    data["client"].update(name="Linden Bakery, Inc.", kind="organization")
    company = rendered_text(built["engagement-letter"], data, tmp_path / "b.docx")
    assert "Name and title:" in company and "Name and title:" not in person
    assert "Dear Linden Bakery, Inc.:" in company


def test_sample_data_is_a_fresh_copy_with_dates() -> None:
    first = sample_data()
    first["client"]["name"] = "changed"
    second = sample_data("tx")
    assert second["client"]["name"] == "Jordan Roe"
    assert second["court"]["family"] == "tx"
    assert type(second["today"]).__name__ == "date"
