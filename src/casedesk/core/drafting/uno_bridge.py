"""Run by Debian's own Python (which has LibreOffice's ``uno`` module), not imported by casedesk.

It connects to one warm ``soffice --headless`` process and converts documents to PDF on
request: one JSON object per line on stdin (``{"src": PATH, "dst": PATH}``), one JSON answer
per line on stdout (``{"ok": true}`` or ``{"ok": false, "error": "..."}``). Keeping soffice
and this bridge running is what makes a conversion take a fraction of LibreOffice's cold
start. See :mod:`casedesk.core.drafting.convert`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def _connect(pipe: str, timeout_s: float) -> Any:
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _prop(name: str, value: Any) -> Any:
    import uno

    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name = name
    prop.Value = value
    return prop


def _convert(desktop: Any, src: Path, dst: Path) -> None:
    doc = desktop.loadComponentFromURL(
        src.resolve().as_uri(), "_blank", 0, (_prop("Hidden", True), _prop("ReadOnly", True))
    )
    if doc is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        doc.storeToURL(dst.resolve().as_uri(), (_prop("FilterName", "writer_pdf_Export"),))
    finally:
        doc.close(True)


def main() -> int:
    pipe = sys.argv[1]
    desktop = _connect(pipe, float(sys.argv[2]) if len(sys.argv) > 2 else 30.0)
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    for line in sys.stdin:
        try:
            request = json.loads(line)
            _convert(desktop, Path(request["src"]), Path(request["dst"]))
            answer: dict[str, Any] = {"ok": True}
        except Exception as exc:
            answer = {"ok": False, "error": str(exc)[:500]}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
