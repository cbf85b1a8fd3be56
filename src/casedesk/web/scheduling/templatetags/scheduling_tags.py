"""Template tags of the scheduling app.

``{% load scheduling_tags %}{% matter_deadlines matter request.user %}`` renders the matter
page's Deadlines section (its chains and deadlines, walls applied through the selectors), so
the matter view needs no change.
"""

from __future__ import annotations

from typing import Any

from django import template

from casedesk.web.scheduling.chain_selectors import matter_deadline_sections

register = template.Library()


@register.inclusion_tag("scheduling/chains/_matter_deadlines.html", takes_context=True)
def matter_deadlines(context: Any, matter: Any, user: Any) -> dict[str, Any]:
    """The Deadlines section of ``matter`` as ``user`` may see it."""
    sections, loose = matter_deadline_sections(user, matter)
    request = context.get("request")
    return {
        "matter": matter,
        "sections": sections,
        "loose": loose,
        "can_write": context.get("can_write", False),
        "csrf_token": context.get("csrf_token"),
        "next": f"{request.path}#deadlines" if request is not None else "",
        "request": request,
    }
