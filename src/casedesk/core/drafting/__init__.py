"""Drafting from Word templates: rendering in a sandbox, template fields, legal filters, PDF.

Pure (no Django): ``template_fields`` reads what a template asks for, ``render_docx`` fills
it in all-or-nothing, and the errors all derive from ``DraftingError``.
"""

from casedesk.core.drafting.captions import CourtCaption, court_caption
from casedesk.core.drafting.dictionary import (
    DictionaryEntry,
    FieldSource,
    classify_fields,
    dictionary_version,
    field_dictionary,
    lookup,
)
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
from casedesk.core.drafting.questions import (
    AnswerErrors,
    Question,
    apply_answers,
    build_questions,
    coerce_saved,
    parse_answers,
    saved_text,
)
from casedesk.core.drafting.render import render_docx, sandbox_environment

__all__ = [
    "AnswerErrors",
    "CourtCaption",
    "DictionaryEntry",
    "DraftingError",
    "FieldSource",
    "MissingFields",
    "Question",
    "TemplateError",
    "TemplateField",
    "TemplateRefused",
    "apply_answers",
    "build_questions",
    "check_template_file",
    "classify_fields",
    "coerce_saved",
    "court_caption",
    "dictionary_version",
    "field_dictionary",
    "lookup",
    "missing_fields",
    "parse_answers",
    "render_docx",
    "sandbox_environment",
    "saved_text",
    "template_fields",
]
