"""What a Word template asks for: its fields, found with Jinja's parser after docxtpl's clean-up.

A field is a dotted path into the data (``client.name``, ``matter.case_number``); a loop
``{%p for p in parties %}`` records ``parties`` as a ``list`` and ``{{ p.name }}`` inside it as
``parties[].name``. Names used in an ``{% if %}`` test are ``condition`` fields. Names only
used behind ``is defined`` / ``|default`` are recorded but not required.

This module also holds the drafting errors and the check that refuses macro-enabled and
non-Word files, since every entry point starts here.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

FieldKind = Literal["value", "list", "condition"]

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
HEADER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
QUOTE_CHARS = 80


class DraftingError(Exception):
    """Anything that stops a template from being read or rendered; the message is one sentence."""


class TemplateRefused(DraftingError):
    """The file is not a Word document casedesk will open (not a .docx, or it carries macros)."""


class TemplateError(DraftingError):
    """A Jinja syntax or runtime error; the message quotes the paragraph where it sits."""


class MissingFields(DraftingError):
    """The data lacks fields the template needs; ``names`` lists each, in template order."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        plural = "field" if len(self.names) == 1 else "fields"
        super().__init__(
            f"the data lacks {len(self.names)} {plural} the template needs: "
            + ", ".join(self.names)
        )


@dataclass(frozen=True)
class TemplateField:
    """One variable the template uses: its dotted ``name``, its ``kind`` and where it first is."""

    name: str
    kind: FieldKind
    paragraph: str
    required: bool = True


@dataclass(frozen=True)
class TemplateSource:
    """One part of the document (body, a header, a footer) as Jinja text, one paragraph a line."""

    part: str
    text: str

    def paragraph(self, lineno: int | None, needle: str = "") -> str:
        """The plain text of the paragraph on ``lineno`` (1-based), trimmed around ``needle``."""
        lines = self.text.splitlines()
        if lineno is None or not 1 <= lineno <= len(lines):
            return ""
        return quote_around(xml_text(lines[lineno - 1]), needle)


def xml_text(xml: str) -> str:
    """The visible text of a piece of WordprocessingML: tags dropped, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", xml)).split())


def quote_around(text: str, needle: str = "", width: int = QUOTE_CHARS) -> str:
    """``text`` cut to about ``width`` characters either side of ``needle`` (or its start)."""
    at = text.find(needle) if needle else -1
    if at < 0:
        return text if len(text) <= 2 * width else text[: 2 * width].rstrip() + "…"
    start = max(0, at - width)
    end = min(len(text), at + len(needle) + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def check_template_file(template: Path) -> None:
    """Refuse anything but a plain Word document, by its contents, not its extension.

    A macro-enabled document (main part of type ``macroEnabled.main+xml`` or any
    ``vbaProject.bin`` part) and any file that is not a WordprocessingML package raise
    ``TemplateRefused``.
    """
    if not template.is_file():
        raise TemplateRefused(f"{template}: no such file.")
    not_word = f"{template.name} is not a Word document (.docx), so it cannot be a template."
    try:
        with zipfile.ZipFile(template) as package:
            names = package.namelist()
            if "[Content_Types].xml" not in names:
                raise TemplateRefused(not_word)
            types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise TemplateRefused(not_word) from exc
    if DOCM_MAIN in types or any(name.lower().endswith("vbaproject.bin") for name in names):
        raise TemplateRefused(
            f"{template.name} is a macro-enabled Word document (.docm); casedesk does not open "
            "documents that carry macros. Save it in Word as a plain Word Document (.docx) "
            "and use that."
        )
    if DOCX_MAIN not in types:
        raise TemplateRefused(not_word)


def _analysis_text(xml: str) -> str:
    """Put every paragraph, and every block tag between paragraphs, on its own line."""
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    xml = xml.replace("</w:p>", "</w:p>\n")
    # block tags left side by side by docxtpl's {%p ...%} clean-up: one a line
    return re.sub(r"%}(?={%)", "%}\n", xml)


def template_sources(template: Path) -> list[TemplateSource]:
    """The body, headers and footers of ``template`` after docxtpl's XML clean-up."""
    from docxtpl import DocxTemplate

    check_template_file(template)
    try:
        tpl = DocxTemplate(str(template))
        docx = tpl.get_docx()
        sources = [TemplateSource("the body", tpl.patch_xml(tpl.xml_to_string(docx.element.body)))]
        for uri, label in ((HEADER_URI, "a header"), (FOOTER_URI, "a footer")):
            for _key, part in tpl.get_headers_footers(uri):
                sources.append(TemplateSource(label, tpl.patch_xml(tpl.get_part_xml(part))))
    except DraftingError:
        raise
    except Exception as exc:  # python-docx / lxml on a damaged package
        raise TemplateRefused(f"{template.name} could not be read as a Word document.") from exc
    return [TemplateSource(s.part, _analysis_text(s.text)) for s in sources]


def parse_source(env: ImmutableSandboxedEnvironment, source: TemplateSource) -> nodes.Template:
    """Jinja's syntax tree of one part; a syntax error becomes ``TemplateError`` with its paragraph."""
    try:
        return env.parse(source.text)
    except TemplateSyntaxError as exc:
        where = source.paragraph(exc.lineno)
        raise TemplateError(
            f"template syntax error in {source.part}: {exc.message}; in the paragraph: “{where}”"
        ) from exc


_ALWAYS_LOCAL = {"loop", "caller", "varargs", "kwargs", "self", "super"}
_PRIORITY: dict[FieldKind, int] = {"condition": 1, "value": 2, "list": 3}
_Scope = dict[str, "str | None"]


class _Collector:
    """Walks a Jinja tree and records every data path it reads."""

    def __init__(self, env: ImmutableSandboxedEnvironment) -> None:
        self.env = env
        self.found: dict[str, TemplateField] = {}
        self.source = TemplateSource("", "")
        # Paths an enclosing ``{% if %}`` tests: what sits under them is read only when the
        # test passes, so it is not required of the data (``{%p if next_hearing %}`` …).
        self.guards: list[str] = []
        self.touched: list[str] | None = None

    def guarded(self, name: str) -> bool:
        return any(
            name == g or name.startswith(f"{g}.") or name.startswith(f"{g}[") for g in self.guards
        )

    def record(self, name: str, kind: FieldKind, lineno: int, optional: bool) -> None:
        if self.touched is not None:
            self.touched.append(name)
        optional = optional or self.guarded(name)
        old = self.found.get(name)
        if old is None:
            self.found[name] = TemplateField(
                name, kind, self.source.paragraph(lineno, name.split(".")[-1]), not optional
            )
            return
        if _PRIORITY[kind] > _PRIORITY[old.kind]:
            old = TemplateField(old.name, kind, old.paragraph, old.required)
        if not optional and not old.required:
            old = TemplateField(old.name, old.kind, old.paragraph, True)
        self.found[name] = old

    def unsafe(self, attr: str, lineno: int) -> TemplateError:
        where = self.source.paragraph(lineno, attr)
        return TemplateError(
            f"the template reaches for {attr!r}, which templates may not touch "
            f"(in {self.source.part}); in the paragraph: “{where}”"
        )

    def path(self, node: nodes.Node, scope: _Scope) -> str | None:
        """The dotted data path of a ``a.b["c"][0]`` chain, or None if it is not one."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in _ALWAYS_LOCAL or node.name in self.env.globals:
                return None
            return node.name
        if isinstance(node, nodes.Getattr):
            if node.attr.startswith("_"):
                raise self.unsafe(node.attr, node.lineno)
            base = self.path(node.node, scope)
            return None if base is None else f"{base}.{node.attr}"
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            key = node.arg.value
            if isinstance(key, str) and key.startswith("_"):
                raise self.unsafe(key, node.lineno)
            base = self.path(node.node, scope)
            if base is None:
                return None
            if isinstance(key, str) and re.fullmatch(r"[^.\[\]]+", key):
                return f"{base}.{key}"
            if isinstance(key, int) and not isinstance(key, bool):
                return f"{base}[{key}]"
        return None

    def is_chain(self, node: nodes.Node) -> bool:
        while isinstance(node, nodes.Getattr | nodes.Getitem):
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                return False
            node = node.node
        return isinstance(node, nodes.Name)

    def expr(self, node: nodes.Node, scope: _Scope, kind: FieldKind, optional: bool) -> None:
        if self.is_chain(node):
            path = self.path(node, scope)
            if path is not None and not path.endswith("[]"):
                self.record(path, kind, node.lineno, optional)
            elif path is None and isinstance(node, nodes.Getattr | nodes.Getitem):
                # a chain on a local name (a set variable): still visit for unsafe attributes
                pass
            return
        if isinstance(node, nodes.Getattr):
            if node.attr.startswith("_"):
                raise self.unsafe(node.attr, node.lineno)
            self.expr(node.node, scope, kind, optional)
            return
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            # a method call (``client.name.upper()``): the data read is the object it is on
            if node.node.attr.startswith("_"):
                raise self.unsafe(node.node.attr, node.lineno)
            self.expr(node.node.node, scope, kind, optional)
            for child in [*node.args, *node.kwargs]:
                self.expr(child, scope, "value", optional)
            for extra in (node.dyn_args, node.dyn_kwargs):
                if extra is not None:
                    self.expr(extra, scope, "value", optional)
            return
        if isinstance(node, nodes.Filter) and node.name in ("default", "d"):
            if node.node is not None:
                self.expr(node.node, scope, kind, True)
            for child in [*node.args, *node.kwargs]:
                self.expr(child, scope, "value", optional)
            return
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined", "none"):
            self.expr(node.node, scope, "condition", True)
            return
        for child in node.iter_child_nodes():
            self.expr(child, scope, kind, optional)

    def bind(self, target: nodes.Node, scope: _Scope, path: str | None) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = path
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = None

    def body(self, stmts: Sequence[nodes.Node], scope: _Scope, kind: FieldKind = "value") -> None:
        for stmt in stmts:
            self.stmt(stmt, scope, kind)

    def stmt(self, node: nodes.Node, scope: _Scope, kind: FieldKind = "value") -> None:
        if isinstance(node, nodes.For):
            iterable: nodes.Node = node.iter
            while isinstance(iterable, nodes.Filter) and iterable.node is not None:
                for arg in [*iterable.args, *iterable.kwargs]:
                    self.expr(arg, scope, "value", False)
                iterable = iterable.node
            list_path = self.path(iterable, scope) if self.is_chain(iterable) else None
            if list_path is not None:
                self.record(list_path, "list", iterable.lineno, False)
            else:
                self.expr(iterable, scope, "list", False)
            inner = dict(scope)
            self.bind(node.target, inner, f"{list_path}[]" if list_path else None)
            if node.test is not None:
                self.expr(node.test, inner, "condition", False)
            self.body(node.body, inner)
            self.body(node.else_, dict(scope))
        elif isinstance(node, nodes.If):
            outer, self.touched = self.touched, []
            self.expr(node.test, scope, "condition", False)
            tested, self.touched = self.touched, outer
            if outer is not None:
                outer.extend(tested)
            depth = len(self.guards)
            self.guards.extend(tested)
            self.body(node.body, scope)
            del self.guards[depth:]
            for branch in node.elif_:
                self.stmt(branch, scope)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, scope, "value", False)
        elif isinstance(node, nodes.Assign):
            self.expr(node.node, scope, "value", False)
            self.bind(node.target, scope, None)
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, dict(scope))
            self.bind(node.target, scope, None)
        elif isinstance(node, nodes.With):
            for value in node.values:
                self.expr(value, scope, "value", False)
            inner = dict(scope)
            for target in node.targets:
                self.bind(target, inner, None)
            self.body(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            inner = dict(scope)
            for arg in node.args:
                inner[arg.name] = None
            for default in node.defaults:
                self.expr(default, scope, "value", False)
            if isinstance(node, nodes.Macro):
                scope[node.name] = None
            else:
                self.expr(node.call, scope, "value", False)
            self.body(node.body, inner)
        elif isinstance(node, nodes.Stmt | nodes.Template | nodes.Helper):
            for sub in node.iter_child_nodes():
                if isinstance(sub, nodes.Expr):
                    self.expr(sub, scope, kind, False)
                else:
                    self.stmt(sub, scope, kind)
        elif isinstance(node, nodes.Expr):
            self.expr(node, scope, kind, False)

    def walk(self, source: TemplateSource) -> None:
        self.source = source
        tree = parse_source(self.env, source)
        self.body(tree.body, {})


def analysis_environment() -> ImmutableSandboxedEnvironment:
    """A sandbox with the legal filters, for parsing (rendering adds its own undefined)."""
    from casedesk.core.drafting.filters import FILTERS

    env = ImmutableSandboxedEnvironment(autoescape=True)
    env.filters.update(FILTERS)
    return env


def template_fields(template: Path) -> list[TemplateField]:
    """Every data path ``template`` reads, in the order it first appears (body, headers, footers).

    Raises ``TemplateRefused`` for a non-Word or macro-enabled file and ``TemplateError`` for
    a syntax error or a reach for a Python internal (``__class__`` and the like).
    """
    collector = _Collector(analysis_environment())
    for source in template_sources(template):
        collector.walk(source)
    return list(collector.found.values())


_MISSING = object()


def _step(value: Any, token: str) -> Any:
    if token.startswith("["):
        index = int(token[1:-1])
        if isinstance(value, Sequence) and not isinstance(value, str | bytes):
            return value[index] if -len(value) <= index < len(value) else _MISSING
        return _MISSING
    if isinstance(value, Mapping):
        return value.get(token, _MISSING) if token in value else _MISSING
    return _MISSING


def _present(value: Any, tokens: list[str]) -> bool:
    if not tokens:
        return True
    token, rest = tokens[0], tokens[1:]
    if token == "[]":
        if isinstance(value, Mapping | str | bytes):
            return False
        try:
            items = list(value)
        except TypeError:
            return False
        return all(_present(item, rest) for item in items)
    nxt = _step(value, token)
    return nxt is not _MISSING and _present(nxt, rest)


def _tokens(name: str) -> list[str]:
    return re.findall(r"\[\d*\]|[^.\[\]]+", name)


def missing_fields(fields: Sequence[TemplateField], data: Mapping[str, Any]) -> list[str]:
    """The required fields ``data`` lacks, in template order.

    ``parties[].name`` is missing when any party lacks a name (an empty list lacks nothing).
    A field under another missing field (``parties[].name`` when ``parties`` itself is
    missing) is not listed again.
    """
    missing = [f.name for f in fields if f.required and not _present(data, _tokens(f.name))]
    return [
        name
        for name in missing
        if not any(
            name != other and (name.startswith(other + ".") or name.startswith(other + "["))
            for other in missing
        )
    ]


def iter_field_dicts(fields: Sequence[TemplateField]) -> Iterator[dict[str, str]]:
    """The ``{"name", "kind", "paragraph"}`` objects of the CLI's JSON contract."""
    for field in fields:
        yield {"name": field.name, "kind": field.kind, "paragraph": field.paragraph}
