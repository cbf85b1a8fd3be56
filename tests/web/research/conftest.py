"""Fixtures for the research app: a private data folder per test, a small library of real
cases with their own citations, a matter with a screened user, and JSONL files made on the fly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.matters.models import EthicalWall
from tests.web.matters.factories import make_matter

SHARED_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
SCOTUS = SHARED_DATA / "caselaw" / "scotus-50.jsonl"

ROE = {
    "id": "t-roe",
    "case_name": "Roe v. Wade",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1973-01-22",
    "citations": ["410 U. S. 113"],
    "text": "MR. JUSTICE BLACKMUN delivered the opinion of the Court. The Texas abortion statutes "
    "are challenged here. We hold that the right of personal privacy includes the abortion "
    "decision, but that this right is not unqualified.",
}
BROWN = {
    "id": "t-brown",
    "case_name": "Brown v. Board of Education",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1954-05-17",
    "citations": ["347 U.S. 483"],
    "text": "MR. CHIEF JUSTICE WARREN delivered the opinion of the Court. Separate educational "
    "facilities are inherently unequal. See Plessy v. Ferguson, 163 U.S. 537 (1896).",
}
MIRANDA = {
    "id": "t-miranda",
    "case_name": "Miranda v. Arizona",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1966-06-13",
    "citations": ["384 U.S. 436"],
    "text": "MR. CHIEF JUSTICE WARREN delivered the opinion of the Court. The prosecution may "
    "not use statements stemming from custodial interrogation. Brown v. Board of Education, "
    "347 U.S. 483, 495 (1954). Id. at 494.",
}
CITING = {
    "id": "t-citing",
    "case_name": "Doe v. State",
    "court": "nm",
    "jurisdiction": "New Mexico",
    "date_filed": "2005-03-01",
    "citations": [],
    "text": "The district court relied on Roe v. Wade, 410 U.S. 113, 153 (1973), for the "
    "privacy interest. Id. at 154. We also note Plessy v. Ferguson, 163 U.S. 537 (1896). "
    "The reasonable expectation of privacy controls here.",
}


@pytest.fixture(autouse=True)
def research_storage(file_storage: Path, settings: Any) -> Path:
    """Every test stores blobs, the index and import copies under its own folder."""
    settings.DATA_DIR = file_storage
    return file_storage


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    """A JSONL file from records (dicts) or raw lines (strings)."""
    counter = iter(range(1_000_000))

    def factory(rows: list[Any], name: str = "opinions.jsonl") -> Path:
        path = tmp_path / f"{next(counter)}-{name}"
        lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return factory


@pytest.fixture
def run_import(clerk: Any) -> Callable[..., Any]:
    """Import files as the clerk, in-process (the task's body), and return the finished job."""
    from casedesk.web.research.import_services import import_run, import_start

    def factory(*paths: Path, by: Any = None, fmt: str = "auto") -> Any:
        job = import_start(by=by or clerk, files=list(paths), fmt=fmt, enqueue=False)
        return import_run(job.pk)

    return factory


@pytest.fixture
def library(write_jsonl: Callable[..., Path], run_import: Callable[..., Any]) -> Any:
    """Roe, Brown and Miranda (with their own citations) and an opinion citing Roe and Plessy."""
    return run_import(write_jsonl([ROE, BROWN, MIRANDA, CITING]))


@pytest.fixture
def matter(attorney: Any) -> Any:
    return make_matter("2027-0601", "Privacy litigation", attorney=attorney)


@pytest.fixture
def screened(make_user: Callable[..., Any], matter: Any, admin_user: Any) -> Any:
    """A clerk walled off from the matter."""
    user = make_user("clerk", "screened", "Screened Clerk")
    EthicalWall.objects.create(
        matter=matter, user=user, reason="lateral hire", created_by=admin_user
    )
    return user
