"""The one error type services raise for bad input or a refused action.

Views show ``message`` to the user as it is, so it must be plain words that say what to do.
"""

from __future__ import annotations

import unicodedata


class ServiceError(ValueError):
    """A service refused: bad input, a broken rule, or a missing permission."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


MAX_NAME_LENGTH = 500


def clean_name(value: object, *, field: str = "Name") -> str:
    """Normalise a person's or organization's name; refuse empty, over-long or control-character input.

    Any script is welcome (Vietnamese, Arabic, Chinese...): the name is NFC-normalised and its
    whitespace collapsed, nothing else.
    """
    text = unicodedata.normalize("NFC", str(value or ""))
    text = " ".join(text.split())
    if not text:
        raise ServiceError(f"{field} is required.", field=field.lower())
    if len(text) > MAX_NAME_LENGTH:
        raise ServiceError(
            f"{field} is {len(text):,} characters long; the limit is {MAX_NAME_LENGTH}.",
            field=field.lower(),
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ServiceError(f"{field} contains control characters.", field=field.lower())
    return text
