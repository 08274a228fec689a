"""`--set KEY=VALUE` arguments of the settings commands."""

from __future__ import annotations

from ..errors import ValidationFailed


def split_setting(text: str, example: str) -> tuple[str, str]:
    """(KEY, VALUE) of one `--set` argument; a malformed one is named with an `example`."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ValidationFailed(f"--set {text!r}:应写作 KEY=VALUE,如 {example}", field="set")
    return name.strip(), value


def number_or_text(value: str) -> int | str:
    """A VALUE as the integer it reads as, else as typed: the service names what is wrong with it."""
    try:
        return int(value)
    except ValueError:
        return value
