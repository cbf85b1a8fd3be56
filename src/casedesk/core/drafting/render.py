"""Render a Word template with data, in a Jinja sandbox, all or nothing.

``render_docx`` refuses macro-enabled and non-Word files, checks every field the template
needs against the data before writing anything, renders with docxtpl in an
``ImmutableSandboxedEnvironment`` (autoescape on, so "Smith & Jones" keeps its ampersand;
a strict undefined that records each missing name), and writes through a temporary file in
the output's folder, replaced into place only on success.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import types
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from casedesk.core.drafting.fields import (
    DraftingError,
    MissingFields,
    TemplateError,
    TemplateField,
    TemplateRefused,
    missing_fields,
    quote_around,
    template_fields,
    xml_text,
)
from casedesk.core.drafting.filters import FILTERS

__all__ = [
    "DraftingError",
    "MissingFields",
    "TemplateError",
    "TemplateRefused",
    "render_docx",
    "sandbox_environment",
]


def _recording_undefined(missing: list[str]) -> type[StrictUndefined]:
    """A StrictUndefined that appends each missing name to ``missing`` before it raises."""

    class RecordingUndefined(StrictUndefined):
        __slots__ = ()

        def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
            if self._undefined_exception is UndefinedError and self._undefined_name is not None:
                missing.append(str(self._undefined_name))
            super()._fail_with_undefined_error(*args, **kwargs)

    # Undefined and StrictUndefined bind their failing dunders (__str__, __iter__, __add__...)
    # to the base method when the class is made; point them at the recording override.
    base_fail = Undefined._fail_with_undefined_error
    for klass in (Undefined, StrictUndefined):
        for name, value in vars(klass).items():
            if value is base_fail and name != "_fail_with_undefined_error":
                setattr(RecordingUndefined, name, RecordingUndefined._fail_with_undefined_error)
    return RecordingUndefined


def sandbox_environment(missing: list[str] | None = None) -> ImmutableSandboxedEnvironment:
    """The rendering sandbox: autoescape, legal filters, strict undefined recording into ``missing``."""
    env = ImmutableSandboxedEnvironment(
        autoescape=True,
        undefined=_recording_undefined(missing if missing is not None else []),
    )
    env.filters.update(FILTERS)
    return env


def _template_lineno(exc: BaseException) -> int | None:
    """The template line a Jinja runtime error was raised on, from its rewritten traceback."""
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    tb: types.TracebackType | None = exc.__traceback__
    found: int | None = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


def _tracking_template(template: Path) -> Any:
    """A DocxTemplate that remembers the part it is rendering, to quote a failing paragraph."""
    from docxtpl import DocxTemplate

    class TrackingTemplate(DocxTemplate):  # type: ignore[misc]
        current_source: str = ""

        def render_xml_part(
            self, src_xml: str, part: Any, context: Any, jinja_env: Any = None
        ) -> Any:
            # docxtpl puts each paragraph on its own line before handing the XML to Jinja
            self.current_source = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            return super().render_xml_part(src_xml, part, context, jinja_env)

    return TrackingTemplate(str(template))


def _runtime_error(exc: BaseException, source: str) -> TemplateError:
    lineno = _template_lineno(exc)
    lines = source.splitlines()
    where = ""
    if lineno is not None and 1 <= lineno <= len(lines):
        where = xml_text(lines[lineno - 1])
        tags = re.findall(r"{{.*?}}|{%.*?%}", where)
        where = quote_around(where, tags[0] if tags else "")
    reason = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, SecurityError):
        reason = f"the template reaches for something templates may not touch ({reason})"
    kind = "syntax" if isinstance(exc, TemplateSyntaxError) else "rendering"
    quoted = f"; in the paragraph: “{where}”" if where else ""
    return TemplateError(f"template {kind} error: {reason}{quoted}")


def render_docx(
    template: Path,
    data: Mapping[str, Any],
    out: Path,
    *,
    fields: Sequence[TemplateField] | None = None,
) -> None:
    """Render ``template`` with ``data`` into ``out`` (a .docx), or write nothing at all.

    Raises ``TemplateRefused`` (not a plain .docx: a .docm or another file),
    ``MissingFields`` (every field the data lacks, in template order), or ``TemplateError``
    (a Jinja syntax or runtime error, or a reach for Python internals, quoting the paragraph).
    ``fields`` saves reading the template twice when the caller already has its
    ``template_fields`` (a stored template version, a batch of letters).
    """
    template = Path(template)
    out = Path(out)
    if fields is None:
        fields = template_fields(template)
    missing = missing_fields(fields, data)
    if missing:
        raise MissingFields(missing)

    recorded: list[str] = []
    env = sandbox_environment(recorded)
    tpl = _tracking_template(template)
    try:
        tpl.render(dict(data), jinja_env=env, autoescape=True)
    except UndefinedError as exc:
        if recorded:
            raise MissingFields(list(dict.fromkeys(recorded))) from exc
        raise _runtime_error(exc, tpl.current_source) from exc
    except DraftingError:
        raise
    except Exception as exc:  # filters, sandbox refusals, arithmetic on the data, bad XML
        raise _runtime_error(exc, tpl.current_source) from exc

    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tpl.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
