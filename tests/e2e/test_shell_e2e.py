"""The shell in a real browser: sign in, create a contact with an alias, look at the pages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_in_create_contact_and_screenshots(
    page, live_server, login, screenshot, make_user
) -> None:
    make_user("secretary", "sam", "Sam Secretary")
    from tests.web.contacts.factories import make_contact, make_matter

    attorney = make_user("attorney", "ada", "Ada Attorney")
    client = make_contact("Acme Widgets Inc.", "organization")
    make_matter("2025-0001", title="Acme v. Globex", client=client, responsible=attorney)
    make_matter(
        "2025-0002",
        title="Intake: Roe",
        client=make_contact("Jane Roe"),
        status="intake",
        pending_check=True,
    )
    for name in ["Nguyễn Thị Minh Khai", "محمد بن علي", "王小明"]:
        make_contact(name)
    make_contact("Globex Corporation", "organization")

    # Wrong password first: the message says what to do.
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill("sam")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert (
        page.get_by_role("alert")
        .inner_text()
        .startswith("That user name and password do not match")
    )
    screenshot(page, "shell-01-login-error")

    login(page, live_server, "sam", PASSWORD)
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.get_by_text("Intakes awaiting conflict review").is_visible()
    screenshot(page, "shell-02-dashboard")

    page.get_by_role("link", name="New contact").first.click()
    page.get_by_label("Person").check()
    page.get_by_label("Name (required)").fill("Margaret Smith")
    page.get_by_label("Other name 1", exact=True).fill("Margaret Jones")
    page.get_by_label("Kind of other name 1").select_option("maiden")
    page.get_by_label("E-mail", exact=True).fill("margaret@example.com")
    page.get_by_label("City", exact=True).fill("Portland")
    page.get_by_role("button", name="Create contact").click()
    page.wait_for_url("**/contacts/*/")
    assert page.get_by_text("Created Margaret Smith").is_visible()
    assert page.get_by_text("Margaret Jones").first.is_visible()
    screenshot(page, "shell-03-contact")

    page.get_by_role("link", name="Contacts", exact=True).click()
    page.get_by_label("Search by name or other name").fill("jones")
    page.wait_for_function("() => !document.body.innerText.includes('Globex Corporation')")
    assert page.get_by_role("link", name="Margaret Smith").is_visible()
    page.goto(f"{live_server.url}/contacts/")
    screenshot(page, "shell-04-contacts")

    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "shell-05-contacts-narrow")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login/**")
    assert page.get_by_text("You are signed out.").is_visible()


def test_admin_pages_screenshots(page, live_server, login, screenshot, make_user) -> None:
    from tests.web.contacts.factories import make_contact, make_matter

    make_user("admin", "root", "Ria Admin")
    clerk = make_user("clerk", "cleo", "Cleo Clerk")
    make_matter("2025-0042", title="Secret v. Hidden", client=make_contact("Hidden Client"))
    login(page, live_server, "root", PASSWORD)
    screenshot(page, "shell-06-admin-dashboard")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Users").click()
    assert page.get_by_role("link", name="Cleo Clerk", exact=True).is_visible()
    screenshot(page, "shell-07-users")
    page.get_by_role("link", name="Ethical walls").click()
    page.get_by_label("Screened user").select_option(str(clerk.pk))
    page.get_by_label("Matter number").fill("2025-0042")
    page.get_by_label("Reason").fill("Lateral hire: formerly represented the adverse party")
    page.get_by_role("button", name="Create wall").click()
    assert page.get_by_text("Cleo Clerk is now screened from 2025-0042").is_visible()
    screenshot(page, "shell-08-walls")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    page.get_by_role("button", name="Verify chain").click()
    assert page.get_by_text("Verifying the chain").is_visible()
    call_command("db_worker", "--batch", verbosity=0)  # the real background worker
    page.get_by_text("Chain OK").wait_for()  # the panel polls until the worker has finished
    screenshot(page, "shell-09-audit")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    screenshot(page, "shell-10-dashboard-narrow")
