"""Template tags of the reports app.

``{% load reports_tags %}{% matter_dashboard matter request.user %}`` renders the "At a glance"
block at the top of the matter page (walls applied through the selectors), so the matter view
needs no change.
"""

from __future__ import annotations

from typing import Any

from django import template

from casedesk.web.reports.selectors import matter_glance

register = template.Library()


@register.inclusion_tag("reports/_dashboard.html", takes_context=True)
def matter_dashboard(context: Any, matter: Any, user: Any) -> dict[str, Any]:
    """The matter's status, what is coming, recent papers, open tasks and facts."""
    return {"g": matter_glance(user, matter), "matter": matter, "request": context.get("request")}
