"""The drafting endpoints of the REST API: templates, questions, generating, the result; walls
and roles apply as on the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from casedesk.web.api.services import api_token_create
from casedesk.web.audit.models import AuditEntry
from casedesk.web.drafting.models import GeneratedDocument, MatterAnswer
from casedesk.web.drafting.services import document_generate
from casedesk.web.drafting.template_services import template_archive
from tests.web.drafting import conftest as drafting
from tests.web.drafting.conftest import CLIENT_NAME

pytestmark = pytest.mark.django_db

# The drafting app's fixtures: its private storage, the matter, a screened user, a template.
doc_storage = drafting.doc_storage
make_docx = drafting.make_docx
matter = drafting.matter
screened = drafting.screened
letter_template = drafting.letter_template

ANSWERS = {"hearing.date": "2027-06-01", "hearing.department": "Department 17"}


def bearer(user: Any) -> dict[str, str]:
    _, key = api_token_create(by=user, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client: Client, url: str, data: dict[str, Any], auth: dict[str, str]) -> Any:
    return client.post(url, data, content_type="application/json", **auth)


def generate_url(matter: Any) -> str:
    return f"/api/v1/matters/{matter.pk}/documents/generate"


def test_requests_without_a_token_are_refused(
    client: Client, matter: Any, letter_template: Any
) -> None:
    urls = [
        "/api/v1/templates",
        f"/api/v1/templates/{letter_template.pk}",
        f"/api/v1/matters/{matter.pk}/templates/{letter_template.pk}/questions",
    ]
    for url in urls:
        assert client.get(url).status_code == 401, url
    body = {"template_id": letter_template.pk, "answers": ANSWERS}
    assert post(client, generate_url(matter), body, {}).status_code == 401
    assert GeneratedDocument.objects.count() == 0


def test_template_list_and_detail(client: Client, secretary: Any, letter_template: Any) -> None:
    auth = bearer(secretary)
    listed = client.get("/api/v1/templates", **auth)
    assert listed.status_code == 200
    assert listed.json() == [
        {
            "id": letter_template.pk,
            "slug": letter_template.slug,
            "name": "Hearing letter",
            "kind": "letter",
            "description": "",
            "version": 1,
            "archived": False,
        }
    ]
    assert client.get("/api/v1/templates", {"q": "nothing-like-it"}, **auth).json() == []
    detail = client.get(f"/api/v1/templates/{letter_template.pk}", **auth).json()
    assert detail["version"] == 1 and detail["filename"] == "hearing-letter.docx"
    fields = {f["name"]: f for f in detail["fields"]}
    assert fields["client.name"]["status"] == "matter" and fields["client.name"]["source"]
    assert fields["hearing.date"]["status"] == "asked"
    assert "The hearing is on" in fields["hearing.date"]["paragraph"]
    assert client.get("/api/v1/templates/999999", **auth).status_code == 404


def test_archived_templates_are_listed_only_when_asked(
    client: Client, admin_user: Any, secretary: Any, letter_template: Any
) -> None:
    template_archive(by=admin_user, template=letter_template)
    auth = bearer(secretary)
    assert client.get("/api/v1/templates", **auth).json() == []
    listed = client.get("/api/v1/templates", {"archived": "true"}, **auth).json()
    assert [t["archived"] for t in listed] == [True]


def test_questions_with_suggestion_and_saved_answer(
    client: Client, secretary: Any, matter: Any, letter_template: Any
) -> None:
    auth = bearer(secretary)
    url = f"/api/v1/matters/{matter.pk}/templates/{letter_template.pk}/questions"
    body = client.get(url, **auth)
    assert body.status_code == 200, body.content
    questions = {q["name"]: q for q in body.json()["questions"]}
    assert set(questions) == {"hearing.date", "hearing.department"}
    date = questions["hearing.date"]
    assert date["type"] == "date" and date["label"] and date["required"] is True
    assert date["saved"] is None
    MatterAnswer.objects.create(matter=matter, name="hearing.department", value="Dept. 9")
    questions = {q["name"]: q for q in client.get(url, **auth).json()["questions"]}
    assert questions["hearing.department"]["saved"] == "Dept. 9"
    assert (
        client.get(f"/api/v1/matters/{matter.pk}/templates/999999/questions", **auth).status_code
        == 404
    )


def test_generate_files_the_document_and_reports_it(
    client: Client, secretary: Any, matter: Any, letter_template: Any
) -> None:
    auth = bearer(secretary)
    response = post(
        client,
        generate_url(matter),
        {
            "template_id": letter_template.pk,
            "answers": ANSWERS,
            "title": "Letter to Ms. Nguyễn about the hearing",
            "pdf": True,
        },
        auth,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["pdf_status"] == "queued"
    generated = GeneratedDocument.objects.get(pk=body["generated_id"])
    assert generated.document_id == body["document_id"] and generated.created_by == secretary
    # The document is an ordinary document of the matter's case file.
    documents = client.get(f"/api/v1/matters/{matter.pk}/documents", **auth).json()
    filed = [d for d in documents if d["id"] == body["document_id"]]
    assert filed and filed[0]["title"] == "Letter to Ms. Nguyễn about the hearing"
    assert filed[0]["filename"].endswith(".docx") and filed[0]["category"] == "correspondence"
    detail = client.get(f"/api/v1/generated/{generated.pk}", **auth)
    assert detail.status_code == 200
    out = detail.json()
    assert out["matter"] == matter.number and out["matter_id"] == matter.pk
    assert out["template"] == letter_template.slug and out["template_version"] == 1
    assert out["document_id"] == body["document_id"] and out["pdf_document_id"] is None
    assert out["pdf_status"] == "queued" and out["pdf_message"] == ""
    assert out["answers"] == {"hearing.date": "2027-06-01", "hearing.department": "Department 17"}
    assert out["created_by"] == secretary.username and out["created_at"]
    assert AuditEntry.objects.filter(
        object_type="generated_document", object_id=generated.pk, actor=secretary
    ).exists()


def test_generate_uses_saved_answers_when_left_out(
    client: Client, secretary: Any, matter: Any, letter_template: Any
) -> None:
    auth = bearer(secretary)
    first = post(
        client, generate_url(matter), {"template_id": letter_template.pk, "answers": ANSWERS}, auth
    )
    assert first.status_code == 201 and first.json()["pdf_status"] == "none"
    again = post(client, generate_url(matter), {"template_id": letter_template.pk}, auth)
    assert again.status_code == 201, again.content
    assert GeneratedDocument.objects.count() == 2


def test_answer_errors_are_422_per_question(
    client: Client, secretary: Any, matter: Any, letter_template: Any
) -> None:
    auth = bearer(secretary)
    response = post(
        client,
        generate_url(matter),
        {"template_id": letter_template.pk, "answers": {"hearing.date": "1 June"}},
        auth,
    )
    assert response.status_code == 422
    body = response.json()
    assert "2 answers need correcting" in body["detail"]
    assert body["errors"] == {
        "hearing.date": "Give a date as YYYY-MM-DD.",
        "hearing.department": "Answer this question.",
    }
    assert GeneratedDocument.objects.count() == 0


def test_unknown_or_missing_template_and_bad_title(
    client: Client, secretary: Any, matter: Any, letter_template: Any
) -> None:
    auth = bearer(secretary)
    unknown = post(client, generate_url(matter), {"template_id": 999999, "answers": ANSWERS}, auth)
    assert unknown.status_code == 422
    assert unknown.json() == {
        "detail": "There is no template 999999.",
        "field": "template_id",
        "errors": {"template_id": "There is no template 999999."},
    }
    missing = post(client, generate_url(matter), {"answers": ANSWERS}, auth)
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"template_id": "Field required."}
    wrong = post(client, generate_url(matter), {"template_id": 1, "answers": ["x"]}, auth)
    assert wrong.status_code == 422 and list(wrong.json()["errors"]) == ["answers"]
    form = client.post(generate_url(matter), {"template_id": letter_template.pk}, **auth)
    assert form.status_code == 400 and "JSON" in form.json()["detail"]
    long_title = post(
        client,
        generate_url(matter),
        {"template_id": letter_template.pk, "answers": ANSWERS, "title": "x" * 400},
        auth,
    )
    assert long_title.status_code == 422 and long_title.json()["field"] == "title"
    assert GeneratedDocument.objects.count() == 0


def test_archived_template_is_refused_with_the_reason(
    client: Client, admin_user: Any, secretary: Any, matter: Any, letter_template: Any
) -> None:
    template_archive(by=admin_user, template=letter_template)
    response = post(
        client,
        generate_url(matter),
        {"template_id": letter_template.pk, "answers": ANSWERS},
        bearer(secretary),
    )
    assert response.status_code == 400 and "archived" in response.json()["detail"]


def test_readonly_may_look_but_not_generate(
    client: Client, readonly: Any, matter: Any, letter_template: Any
) -> None:
    auth = bearer(readonly)
    url = f"/api/v1/matters/{matter.pk}/templates/{letter_template.pk}/questions"
    assert client.get(url, **auth).status_code == 200
    refused = post(
        client, generate_url(matter), {"template_id": letter_template.pk, "answers": ANSWERS}, auth
    )
    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "Your role is read-only: ask an administrator to make this change."
    }
    # Even with bad input the role is what is refused.
    assert post(client, generate_url(matter), {}, auth).status_code == 403
    assert GeneratedDocument.objects.count() == 0


def test_screened_user_gets_404_for_everything_of_the_walled_matter(
    client: Client, screened: Any, secretary: Any, matter: Any, letter_template: Any
) -> None:
    generated = document_generate(
        by=secretary, matter=matter, template=letter_template, raw_answers=ANSWERS
    )
    assert generated is not None
    auth = bearer(screened)
    # Templates are not matter data: the screened user still sees them.
    assert client.get(f"/api/v1/templates/{letter_template.pk}", **auth).status_code == 200
    urls = [
        f"/api/v1/matters/{matter.pk}/templates/{letter_template.pk}/questions",
        f"/api/v1/generated/{generated.pk}",
    ]
    for url in urls:
        response = client.get(url, **auth)
        assert response.status_code == 404, url
        assert CLIENT_NAME not in response.content.decode()
    for body in ({"template_id": letter_template.pk, "answers": ANSWERS}, {}):
        assert post(client, generate_url(matter), body, auth).status_code == 404
    assert GeneratedDocument.objects.count() == 1
