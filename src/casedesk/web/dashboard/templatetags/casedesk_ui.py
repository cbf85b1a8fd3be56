"""Small template helpers shared by every page (load with ``{% load casedesk_ui %}``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

register = template.Library()


@register.simple_tag
def query_with(request: HttpRequest, **changes: Any) -> str:
    """The current query string with ``changes`` applied; a value of ``None`` removes the key.

    ``{% query_with request page=2 %}`` keeps the search and sort and moves to page 2.
    """
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return params.urlencode()
