"""What the services say, in Chinese, kept translatable for the desk (Qt-free: services and the CLI use it).

A service declares each message it says at module level, `WRONG = Message("案件 {number} 已被 {who} 修改")`,
and says it by filling it in, `WRONG(number=…, who=…)`: a `Said`, a str equal to the Chinese text as before
(the command line, the audit log and the tests read it so) that also keeps its template and arguments. The desk
translates the template (context "messages", desktop.i18n.say) and fills it with its arguments, themselves said
in the interface language where they are Saids or labelled enum members. Every declared template is in
TEMPLATES, which resources/translations/update.py puts into the .ts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from functools import reduce

# Every template declared, in the order declared: what the translators translate.
TEMPLATES: dict[str, None] = {}


class Said(str):
    """Chinese text that keeps the template (with {named} placeholders) and the arguments it was filled from."""

    template: str
    arguments: Mapping[str, object]

    def __new__(cls, template: str, arguments: Mapping[str, object]):
        said = super().__new__(cls, fill(template, arguments, in_chinese))
        said.template, said.arguments = template, dict(arguments)
        return said

    def __getnewargs__(self):  # copied and pickled as made, not from its text
        return self.template, self.arguments


def labelled(value: object) -> bool:
    """A member of a labelled enum (models.enums, security.Permission): said by its label."""
    return isinstance(value, Enum) and isinstance(getattr(value, "label", None), str)


def in_chinese(value: object) -> str:
    """An argument as the services say it: an enum member by its Chinese label, a Said as its Chinese text."""
    return value.label if labelled(value) else str(value)


def fill(template: str, arguments: Mapping[str, object], say: Callable[[object], str]) -> str:
    """`template` with its arguments put in, each text and enum member as `say` words it (numbers as they are,
    for a placeholder's format: {distance:.0f})."""
    return template.format_map({name: say(value) if isinstance(value, (str, Enum)) else value
                                for name, value in arguments.items()})


class Message:
    """A template a service says; declared once at module level, so that importing the services registers
    it for translation."""

    def __init__(self, template: str):
        self.template = template
        TEMPLATES[template] = None

    def __call__(self, **arguments) -> Said:
        return Said(self.template, arguments)


_ONE_THEN_ANOTHER = Message("{one};{another}")
_ONE_AND_ANOTHER = Message("{one}、{another}")


def joined(items: Iterable[str]) -> str:
    """Items said one after another, separated by semicolons as the services write them (";")."""
    return reduce(lambda one, another: _ONE_THEN_ANOTHER(one=one, another=another), items)


def enumerated(items: Iterable[object]) -> object:
    """Items as a list in running text, as the services write them ("甲、乙"), for a message's argument: enum
    members said by their labels (a single item is itself)."""
    return reduce(lambda one, another: _ONE_AND_ANOTHER(one=one, another=another), items)
