"""Drafting from Word templates: rendering in a sandbox, template fields, legal filters, PDF.

Pure (no Django): ``template_fields`` reads what a template asks for, ``render_docx`` fills
it in all-or-nothing, and the errors all derive from ``DraftingError``.
"""

from casedesk.core.drafting.fields import (
    DraftingError,
    MissingFields,
    TemplateError,
    TemplateField,
    TemplateRefused,
    check_template_file,
    missing_fields,
    template_fields,
)
from casedesk.core.drafting.render import render_docx, sandbox_environment

__all__ = [
    "DraftingError",
    "MissingFields",
    "TemplateError",
    "TemplateField",
    "TemplateRefused",
    "check_template_file",
    "missing_fields",
    "render_docx",
    "sandbox_environment",
    "template_fields",
]
