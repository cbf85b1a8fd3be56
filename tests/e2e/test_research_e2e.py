"""End to end: the clerk's case-law research.

(a) A clerk uploads the 50 real Supreme Court opinions (``../shared/data/caselaw/scotus-50.jsonl``)
    on the Import page. The import task runs in the test thread (what ``casedesk worker`` does)
    in batches of 20: the job page's polling shows it running with its progress, then done with
    50 added and nothing rejected.
(b) A phrase search ("ineffective assistance") over a few real Supreme Court and New Mexico
    opinions and a small library of landmark cases shows the court facet and highlighted
    snippets; the court filter narrows it to the Supreme Court. Buck v. Davis shows its
    citations linked (Strickland v. Washington, 466 U.S. 668, is in the library; others open the
    citator), and Strickland's page lists the opinions citing it.
(c) A cite-check of a Word draft citing a fabricated case and two library cases (real names,
    U.S. Reports citations and years, and an Id.) (Varghese v. China Southern Airlines, the
    invented citation of Mata v. Avianca) shows found and not-found badges; the JSON download
    has the report's keys.

The JSONL records of the shared data carry no citations of their own ("citations": [] — see its
README), so a cite-check cannot find them by citation; the cite-check library here is a small
JSONL of real cases with their real U.S. Reports citations and short summaries (not their text).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import serialize_requests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
CASELAW = SHARED_DATA / "caselaw"
SCOTUS = CASELAW / "scotus-50.jsonl"
NM = CASELAW / "nm-appellate-500.jsonl"
needs_data = pytest.mark.skipif(
    not (SCOTUS.is_file() and NM.is_file()),
    reason=f"the shared case-law data is not at {CASELAW} (see the repository's sibling "
    "../shared/data/README.md)",
)

# Real Supreme Court cases with their real U.S. Reports citations and decision dates; the
# texts are short summaries written for this test, not the opinions.
LANDMARKS = [
    {
        "id": "t-strickland",
        "case_name": "Strickland v. Washington",
        "court": "scotus",
        "jurisdiction": "United States",
        "date_filed": "1984-05-14",
        "citations": ["466 U. S. 668"],
        "text": "Summary for casedesk's tests. A claim of ineffective assistance of counsel "
        "has two components: the defendant must show that counsel's performance was "
        "deficient, and that the deficient performance prejudiced the defense.",
    },
    {
        "id": "t-graham",
        "case_name": "Graham v. Connor",
        "court": "scotus",
        "jurisdiction": "United States",
        "date_filed": "1989-05-15",
        "citations": ["490 U.S. 386"],
        "text": "Summary for casedesk's tests. Claims that law enforcement officers used "
        "excessive force in the course of an arrest are analyzed under the Fourth "
        "Amendment's objective reasonableness standard.",
    },
    {
        "id": "t-heck",
        "case_name": "Heck v. Humphrey",
        "court": "scotus",
        "jurisdiction": "United States",
        "date_filed": "1994-06-24",
        "citations": ["512 U.S. 477"],
        "text": "Summary for casedesk's tests. A section 1983 damages claim that would imply "
        "the invalidity of a conviction is not cognizable until the conviction is set aside.",
    },
    {
        "id": "t-mathews",
        "case_name": "Mathews v. Eldridge",
        "court": "scotus",
        "jurisdiction": "United States",
        "date_filed": "1976-02-24",
        "citations": ["424 U.S. 319"],
        "text": "Summary for casedesk's tests. Due process is flexible; the private interest, "
        "the risk of erroneous deprivation and the government's interest are weighed.",
    },
]
# From the shared data: Supreme Court opinions citing the landmarks, and short New Mexico ones.
SCOTUS_IDS = ("cl-4151830", "cl-4089982", "cl-4151832")  # Buck, Elmore, White v. Pauly
NM_IDS = ("cap-17773",)  # State v. Hosteen: "ineffective assistance" too
FABRICATED = "Varghese v. China Southern Airlines Co., 925 F.3d 1339 (11th Cir. 2019)"
# What the report's JSON download holds: exactly the CLI's keys (``cite-check --json``).
CLI_KEYS = {"text", "normalized", "status", "opinion_id", "sentence"}


@pytest.fixture
def research_dir(storage: Path, settings: Any) -> Path:
    """Import copies (``DATA_DIR/imports``) under the test's folder too."""
    settings.DATA_DIR = storage
    return storage


def pick_records(path: Path, ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """Records of a JSONL file by id, in the order of ``ids``."""
    found: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] in ids:
                found[record["id"]] = record
    return [found[i] for i in ids]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def import_now(by: Any, *paths: Path) -> Any:
    """Import files as ``by`` in-process (the task's body); returns the finished job."""
    from casedesk.web.research.import_services import import_run, import_start

    job = import_start(by=by, files=list(paths), enqueue=False)
    return import_run(job.pk)


@needs_data
def test_a_clerk_imports_fifty_supreme_court_opinions_with_progress(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    research_dir: Path,
    clerk: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.research import import_services
    from casedesk.web.research.models import ImportJob, JobStatus, Opinion

    serialize_requests(page)
    login(page, live_server, clerk.username, PASSWORD)
    page.goto(f"{live_server.url}/research/import/")
    expect(page.get_by_text("The library holds 0 opinions.")).to_be_visible()
    expect(page.get_by_text("No imports yet.")).to_be_visible()
    page.locator("#import-files").set_input_files(str(SCOTUS))
    expect(page.get_by_label("Format")).to_have_value("auto")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text(re.compile(r"Import \d+ is queued: scotus-50\.jsonl"))).to_be_visible()
    job = ImportJob.objects.get()
    assert job.status == JobStatus.QUEUED
    row = page.locator(f"#job-{job.pk}")
    expect(row.locator(".badge")).to_have_text("Waiting for the worker")

    # The job's own page; its row polls every 2 s while the import is pending.
    row.get_by_role("link", name=f"#{job.pk}").click()
    expect(page.get_by_role("heading", name=f"Import {job.pk}")).to_be_visible()
    row = page.locator(f"#job-{job.pk}")
    expect(row.locator(".badge")).to_have_text("Waiting for the worker")

    # What the worker does, in batches of 20 so that the page shows the job half-way.
    monkeypatch.setattr(import_services, "BATCH", 20)
    seen: list[int] = []

    def watch(current: Any) -> None:
        seen.append(current.processed)
        if len(seen) == 1:  # the first batch is in: the polling row shows it running
            expect(row).to_contain_text("20 read", timeout=15_000)
            expect(row.locator(".badge")).to_have_text("Running")
            expect(row.locator("progress")).to_have_attribute("value", "40")
            expect(row.locator("td.num").first).to_have_text("20")
            screenshot(page, "research-import-running")

    finished = import_services.import_run(job.pk, progress=watch)
    assert finished.status == JobStatus.DONE
    assert seen[:3] == [20, 40, 50]
    assert Opinion.objects.count() == 50

    expect(row.locator(".badge")).to_have_text("Done", timeout=15_000)
    expect(row).to_contain_text("Added 50 opinions; 0 already in the library; 0 rejected.")
    expect(row.locator("progress")).to_have_count(0)
    cells = row.locator("td.num")
    expect(cells.nth(0)).to_have_text("50")
    expect(cells.nth(1)).to_have_text("0")
    expect(cells.nth(2)).to_have_text("0")
    expect(page.locator("#rejected")).to_contain_text("None.")

    page.get_by_role("link", name="All imports").click()
    expect(page.get_by_text("The library holds 50 opinions.")).to_be_visible()
    expect(page.locator(f"#job-{job.pk} .badge")).to_have_text("Done")
    screenshot(page, "research-import")


@needs_data
def test_a_phrase_search_with_a_court_filter_and_an_opinion_with_its_citations(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    research_dir: Path,
    clerk: Any,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    # The shared opinions first, the landmarks after: citations made earlier link up too.
    shared = pick_records(SCOTUS, SCOTUS_IDS) + pick_records(NM, NM_IDS)
    assert import_now(clerk, write_jsonl(tmp_path / "shared.jsonl", shared)).added == 4
    assert import_now(clerk, write_jsonl(tmp_path / "landmarks.jsonl", LANDMARKS)).added == 4

    login(page, live_server, clerk.username, PASSWORD)
    page.get_by_role("link", name="Research", exact=True).click()
    search_box = page.get_by_label("Search 8 opinions")
    search_box.fill('"ineffective assistance"')
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".result-count")).to_have_text("4 opinions found")
    facets = page.get_by_role("complementary", name="Narrow the results")
    # Courts by name (the filter still uses the id).
    expect(facets.locator("li", has_text="Supreme Court of the United States")).to_contain_text("3")
    expect(facets.locator("li", has_text="New Mexico Supreme Court")).to_contain_text("1")

    page.get_by_label("Court").select_option("scotus")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".result-count")).to_have_text("3 opinions found")
    hits = page.locator(".search-results .hit-card")
    expect(hits).to_have_count(3)
    titles = sorted(hits.locator(".hit-title").all_inner_texts())
    assert titles == ["Buck v. Davis", "Elmore v. Holbrook", "Strickland v. Washington"]
    for i in range(3):
        expect(hits.nth(i).locator(".snippet mark").first).to_have_text(
            re.compile(r"ineffective|assistance", re.IGNORECASE)
        )
    expect(page.get_by_label("Court")).to_have_value("scotus")
    expect(facets.locator("a[aria-current=true]")).to_have_text(
        "Supreme Court of the United States"
    )
    expect(facets.get_by_role("link", name="Any court")).to_be_visible()
    strickland = hits.filter(has_text="Strickland v. Washington").locator(".hit-meta")
    expect(strickland).to_contain_text("May 14, 1984")
    expect(strickland).to_contain_text("cited by 2 opinions")
    expect(strickland).to_contain_text("Supreme Court of the United States")
    expect(strickland).to_contain_text("466 U.S. 668")  # normalised, not "466 U. S. 668"
    screenshot(page, "research-search")

    # Buck v. Davis: its citations linked; Strickland is in the library, the others are not.
    hits.get_by_role("link", name="Buck v. Davis").click()
    expect(page.get_by_role("heading", name="Buck v. Davis", exact=True)).to_be_visible()
    text = page.locator(".opinion-text")
    known = text.locator("a.cite-known")
    expect(known.first).to_be_visible()
    expect(known).to_have_count(9)  # 466 U. S. 668, Id., and short forms ("466 U. S., at 687")
    assert {a.get_attribute("title") for a in known.all()} == {"466 U.S. 668: in the library"}
    expect(text.locator("a.cite-unknown").first).to_have_attribute(
        "href", re.compile(r"/research/cited-by/\?citation=")
    )
    cites = page.locator("section[aria-labelledby=cites-h]")
    expect(cites.get_by_role("link", name="Strickland v. Washington")).to_be_visible()
    expect(cites).to_contain_text("(not in the library)")
    cited_by = page.locator("section[aria-labelledby=citedby-h]")
    expect(cited_by).to_contain_text("no reporter citation recorded")
    screenshot(page, "research-opinion-slip")

    # Strickland: cited by the two Supreme Court opinions that cite it in the library.
    known.first.click()
    expect(page.get_by_role("heading", name="Strickland v. Washington")).to_be_visible()
    expect(page.locator(".meta-list")).to_contain_text("466 U.S. 668")
    cited_by = page.locator("section[aria-labelledby=citedby-h]")
    expect(cited_by.locator("h3")).to_contain_text("466 U.S. 668")
    citing = cited_by.locator("li")
    expect(citing).to_have_count(2)
    expect(citing.nth(0)).to_contain_text("Buck v. Davis")
    expect(citing.nth(0)).to_contain_text("2017 · 9×")  # its short forms count too
    expect(citing.nth(1)).to_contain_text("Elmore v. Holbrook")
    expect(page.locator(".meta-list")).to_contain_text("2 opinions in the library")
    screenshot(page, "research-opinion")

    citing.nth(1).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Elmore v. Holbrook")).to_be_visible()


def write_draft(path: Path) -> Path:
    """A short brief in Word: a fabricated case, then two real cases of the library and an Id.

    The fabricated circuit citation comes first: eyecite 2.7.8 gives a citation the year of a
    later "(11th Cir. 2019)" parenthetical when the text between them has no line break, and
    casedesk reads line breaks as spaces (freelawproject/eyecite#321; reported separately).
    """
    import docx

    document = docx.Document()
    document.add_heading("MEMORANDUM OF POINTS AND AUTHORITIES", level=1)
    document.add_paragraph(
        f"Other circuits agree that the limitations period is tolled. {FABRICATED}."
    )
    document.add_paragraph(
        "Counsel's failure to investigate was deficient performance that prejudiced the "
        "defense. Strickland v. Washington, 466 U.S. 668, 687 (1984). Id. at 694."
    )
    document.add_paragraph(
        "The officers' use of force is judged by objective reasonableness. "
        "Graham v. Connor, 490 U.S. 386, 395 (1989)."
    )
    document.save(str(path))
    return path


def test_a_cite_check_of_a_draft_flags_the_fabricated_citation(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    research_dir: Path,
    clerk: Any,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.research.models import CiteCheck, JobStatus
    from casedesk.web.research.services import cite_check_run

    assert import_now(clerk, write_jsonl(tmp_path / "landmarks.jsonl", LANDMARKS)).added == 4
    draft = write_draft(tmp_path / "Motion for new trial.docx")

    serialize_requests(page)
    login(page, live_server, clerk.username, PASSWORD)
    page.goto(f"{live_server.url}/research/cite-check/")
    expect(page.get_by_text("No drafts checked yet.")).to_be_visible()
    page.locator("#draft-file").set_input_files(str(draft))
    page.get_by_role("button", name="Check the citations").click()
    page.wait_for_url(re.compile(r"/research/cite-check/\d+/$"))
    expect(page.locator("#check-status .badge")).to_have_text("Waiting for the worker")

    # What the worker does; the page's polling reloads it when the check is done.
    check = CiteCheck.objects.get()
    assert cite_check_run(check.pk).status == JobStatus.DONE
    heading = page.locator("#sum-h")
    expect(heading).to_have_text("1 citation to look at", timeout=15_000)
    summary = page.locator("section[aria-labelledby=sum-h]")
    expect(summary.locator(".badge.status-not_found")).to_have_text("1 not found")
    expect(summary.locator(".badge.status-found")).to_have_text("3 found")

    rows = page.locator("table.report tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("925 F.3d 1339")
    expect(rows.nth(0).locator(".badge.status-not_found")).to_have_text("Not found")
    expect(rows.nth(0)).to_contain_text("No opinion in the library has the citation 925 F.3d 1339.")
    # The "sentence" is the citation sentence (the proposition it supports is the one before).
    expect(rows.nth(0).locator("td.sentence")).to_have_text(f"{FABRICATED}.")
    expect(rows.nth(1)).to_contain_text("466 U.S. 668")
    expect(rows.nth(1).locator(".badge.status-found")).to_have_text("Found")
    expect(rows.nth(1).get_by_role("link", name="Strickland v. Washington")).to_be_visible()
    expect(rows.nth(2)).to_contain_text("Id. at 694")
    expect(rows.nth(2).locator(".badge.status-found")).to_have_text("Found")
    expect(rows.nth(2)).to_contain_text("Id. at 694 → Strickland v. Washington, 466 U.S. 668")
    expect(rows.nth(3)).to_contain_text("490 U.S. 386")
    expect(rows.nth(3).locator(".badge.status-found")).to_have_text("Found")
    expect(rows.nth(3).get_by_role("link", name="Graham v. Connor")).to_be_visible()
    screenshot(page, "research-cite-check")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download JSON").click()
    download = info.value
    assert download.suggested_filename == "cite-check-Motion for new trial.json"
    saved = tmp_path / "report.json"
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert set(data) == {"citations"}
    for row in data["citations"]:
        assert set(row) == CLI_KEYS, row
    brief = [
        {key: row[key] for key in ("normalized", "status", "opinion_id")}
        for row in data["citations"]
    ]
    assert brief == [
        {"normalized": "925 F.3d 1339", "status": "not_found", "opinion_id": None},
        {"normalized": "466 U.S. 668", "status": "found", "opinion_id": "t-strickland"},
        {"normalized": "466 U.S. 668", "status": "found", "opinion_id": "t-strickland"},
        {"normalized": "490 U.S. 386", "status": "found", "opinion_id": "t-graham"},
    ]
    fabricated = data["citations"][0]
    assert fabricated["text"] == "925 F.3d 1339"
    assert fabricated["sentence"] == f"{FABRICATED}."
