"""Sign-in, sign-out, user administration and ethical walls. Thin: services write, selectors read."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from casedesk.web.access import require_admin_page
from casedesk.web.accounts import selectors
from casedesk.web.accounts.forms import SignInForm, UserCreateForm, UserEditForm, WallCreateForm
from casedesk.web.accounts.services import (
    login_attempt,
    logout_record,
    user_create,
    user_unlock,
    user_update,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.services import wall_create, wall_remove

GONE_MESSAGE = "Your session ended because your account was deactivated or removed."


def _attach_error(form: Form, exc: ServiceError) -> None:
    """Show a service's message next to the field it names, or at the top of the form."""
    field = (exc.field or "").replace(" ", "_")
    form.add_error(field if field in form.fields else None, exc.message)


# --- signing in and out -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """The sign-in page. Bad passwords and lockouts show the service's message."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    form = SignInForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            user = login_attempt(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except ServiceError as exc:
            error = exc.message
        else:
            auth_login(request, user)
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    elif request.method == "POST":
        error = "Enter your user name and your password."
    context = {
        "form": form,
        "error": error,
        "next": next_url,
        "gone": request.GET.get("gone") == "1",
        "gone_message": GONE_MESSAGE,
    }
    return render(request, "accounts/login.html", context, status=200)


@require_http_methods(["GET", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out (POST). A GET shows a confirmation button instead of signing out."""
    if request.method == "GET":
        return render(request, "accounts/logout_confirm.html")
    if request.user.is_authenticated:
        logout_record(user=request.user)
    auth_logout(request)
    return redirect(f"{settings.LOGIN_URL}?signed_out=1")


# --- user administration ------------------------------------------------------------------


def user_list(request: HttpRequest) -> HttpResponse:
    """Every user with role, active and locked state (administrators only)."""
    require_admin_page(request.user)
    now = timezone.now()
    users = [
        {"user": u, "locked": bool(u.locked_until and u.locked_until > now)}
        for u in selectors.users_all()
    ]
    return render(request, "accounts/user_list.html", {"rows": users})


@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    """Create a user with a role and an initial password."""
    require_admin_page(request.user)
    form = UserCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_create(
                by=request.user,
                username=data["username"],
                full_name=data["full_name"],
                role=data["role"],
                password=data["password"],
                email=data["email"],
                bar_number=data["bar_number"].strip()[:40],
            )
        except ServiceError as exc:
            _attach_error(form, exc)
        else:
            messages.success(request, f"Created {user.display_name} ({user.get_role_display()}).")
            return redirect("accounts:user_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/user_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a user's name and role; deactivate, reactivate or unlock them."""
    require_admin_page(request.user)
    target = selectors.user_get(pk)
    form = UserEditForm(
        request.POST if request.method == "POST" else None,
        initial={"full_name": target.full_name, "role": target.role},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_update(
                by=request.user,
                user=target,
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
            )
        except ServiceError as exc:
            _attach_error(form, exc)
        else:
            messages.success(request, f"Saved {target.display_name}.")
            return redirect("accounts:user_list")
    locked = bool(target.locked_until and target.locked_until > timezone.now())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/user_edit.html",
        {"form": form, "target": target, "locked": locked},
        status=status,
    )


@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate (ends their sessions at once) or reactivate a user."""
    require_admin_page(request.user)
    target = selectors.user_get(pk)
    active = request.POST.get("active") == "1"
    try:
        user_update(by=request.user, user=target, is_active=active)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        verb = "Reactivated" if active else "Deactivated"
        extra = "" if active else " They are signed out everywhere."
        messages.success(request, f"{verb} {target.display_name}.{extra}")
    return redirect("accounts:user_list")


@require_POST
def user_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift a lockout early."""
    require_admin_page(request.user)
    target = selectors.user_get(pk)
    try:
        user_unlock(by=request.user, user=target)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Unlocked {target.display_name}: they can sign in again.")
    return redirect("accounts:user_list")


# --- ethical walls ------------------------------------------------------------------------


def _user_choices() -> list[tuple[int, str]]:
    return [
        (u.pk, f"{u.display_name} ({u.username}, {u.get_role_display()})")
        for u in selectors.users_all().filter(is_active=True)
    ]


@require_http_methods(["GET", "POST"])
def wall_list(request: HttpRequest) -> HttpResponse:
    """Every wall, and a form to screen a user from a matter."""
    require_admin_page(request.user)
    form = WallCreateForm(request.POST if request.method == "POST" else None, users=_user_choices())
    if request.method == "POST" and form.is_valid():
        matter = selectors.matter_by_number(form.cleaned_data["matter_number"])
        if matter is None:
            form.add_error(
                "matter_number",
                "No matter has that number. Type part of the number or title and pick from the list.",
            )
        else:
            try:
                wall = wall_create(
                    by=request.user,
                    matter=matter,
                    user=selectors.user_get(form.cleaned_data["user"]),
                    reason=form.cleaned_data["reason"],
                )
            except ServiceError as exc:
                _attach_error(form, exc)
            else:
                messages.success(
                    request,
                    f"{wall.user.display_name} is now screened from {matter.number}: "
                    "they no longer see any trace of it.",
                )
                return redirect("accounts:wall_list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/wall_list.html",
        {"form": form, "walls": selectors.walls_all()},
        status=status,
    )


def wall_matter_options(request: HttpRequest) -> HttpResponse:
    """<option> elements for the matter picker (htmx, as the admin types)."""
    require_admin_page(request.user)
    query = request.GET.get("matter_number", "") or request.GET.get("q", "")
    return render(
        request,
        "accounts/_matter_options.html",
        {"matters": selectors.matters_by_number(query)},
    )


@require_POST
def wall_lift(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift a wall."""
    require_admin_page(request.user)
    wall = selectors.wall_get(pk)
    name, number = wall.user.display_name, wall.matter.number
    try:
        wall_remove(by=request.user, wall=wall)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Lifted the screen of {name} from {number}.")
    return redirect("accounts:wall_list")
