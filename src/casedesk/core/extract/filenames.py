"""The display name kept for an uploaded file.

Files are stored under their content hash, never under the name a browser or a ZIP gave them;
the name is only shown to people. It must still be harmless to show and to offer back as a
download name: one path component, no control or bidi-override characters, not hidden (no
leading dot), and short enough for any file system. Names in any script survive unchanged.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_BYTES = 255
"""The longest name (in UTF-8 bytes) most file systems accept for one component."""

FALLBACK_NAME = "unnamed"

# Zero-width non-joiner / joiner are format characters (Cf) that Persian, Indic and other
# scripts need inside words; every other Cf (bidi overrides, BOM, soft hyphen) is dropped.
_KEEP_FORMAT = frozenset({"\u200c", "\u200d"})
_MAX_EXTENSION_CHARS = 16


def _drop_char(ch: str) -> bool:
    """True for characters that must not appear in a display name."""
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs"):
        return True
    return category == "Cf" and ch not in _KEEP_FORMAT


def _strip_edges(name: str) -> str:
    """Strip surrounding whitespace and leading dots until neither is left."""
    while True:
        stripped = name.strip().lstrip(".")
        if stripped == name:
            return name
        name = stripped


def _split_extension(name: str) -> tuple[str, str]:
    """Split ``name`` into (stem, ".ext"); the extension is empty when there is no short one."""
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    ext = name[dot:]
    if len(ext) > _MAX_EXTENSION_CHARS or any(ch.isspace() for ch in ext):
        return name, ""
    return name[:dot], ext


def _is_mark(ch: str) -> bool:
    """True for a combining mark, which belongs to the letter before it."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _truncate_utf8(text: str, max_bytes: int) -> str:
    """Cut ``text`` to at most ``max_bytes`` UTF-8 bytes without splitting a character cluster."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    cut = len(text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore"))
    # Do not leave a base letter without its accent, or a dangling joiner.
    while cut > 0 and (_is_mark(text[cut]) or text[cut - 1] in _KEEP_FORMAT):
        cut -= 1
    return text[:cut]


def clean_filename(name: str) -> str:
    """The name to keep and show for an uploaded file called ``name``.

    Keeps the last path component (``/`` or ``\\`` separated), normalises to NFC, removes
    control and invisible format characters (except ZWJ/ZWNJ), strips surrounding whitespace
    and leading dots, and shortens the stem so the whole name fits in 255 UTF-8 bytes while
    keeping the extension. Returns ``"unnamed"`` when nothing usable is left.
    """
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    text = unicodedata.normalize("NFC", last)
    text = "".join(" " if ch in "\u2028\u2029" else ch for ch in text if not _drop_char(ch))
    text = _strip_edges(text)
    if len(text.encode("utf-8")) > MAX_NAME_BYTES:
        stem, ext = _split_extension(text)
        budget = MAX_NAME_BYTES - len(ext.encode("utf-8"))
        text = _strip_edges(_truncate_utf8(stem, budget).rstrip() + ext)
    return text or FALLBACK_NAME
