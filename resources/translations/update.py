"""Refresh griddesk_en.ts from the sources and compile griddesk_en.qm.

    python3 resources/translations/update.py [--ts OTHER.ts]

pyside6-lupdate collects every tr()/QT_TRANSLATE_NOOP string under desktop/; the strings that
only exist at run time are added here: the labels of every labelled enum in desktop.models and
desktop.services (context "enums", shown through desktop.i18n.label), the menu registry's titles
and feature texts (context "menus"), the case actions' button texts (CaseDetailDialog), the
evaluation indicators' default names (ScoresModel), the audit chain's problems (AuditLogWindow), the
audit log's action labels (AuditLogModel) and the services' declared messages (context "messages",
desktop.said, shown through desktop.i18n.say).
Translations already in the .ts are kept; new strings stay "unfinished" (shown in Chinese) until
someone translates them.
"""

from __future__ import annotations

import argparse
import enum
import importlib
import os
import pkgutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "griddesk_en.ts"
sys.path.insert(0, str(ROOT))

import desktop.models  # noqa: E402
import desktop.services  # noqa: E402
from desktop.said import TEMPLATES  # noqa: E402
from desktop.services.audit import CHAIN_PROBLEMS  # noqa: E402
from desktop.services.audit_actions import LABELS as AUDIT_ACTION_LABELS  # noqa: E402
from desktop.services.cases.common import ACTION_LABELS  # noqa: E402
from desktop.services.evaluation.indicators import DEFAULT_INDICATORS  # noqa: E402
from desktop.views import menus  # noqa: E402


def _labelled_enums() -> list[type[enum.Enum]]:
    """Enums whose members all carry a Chinese `label` (models' LabelledEnums and services' own)."""
    found: dict[type, None] = {}
    for package in (desktop.models, desktop.services):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            for value in vars(importlib.import_module(info.name)).values():
                if (isinstance(value, enum.EnumMeta) and len(value)
                        and all(isinstance(getattr(m, "label", None), str) for m in value)):
                    found[value] = None
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


def _runtime_strings() -> dict[str, list[str]]:
    labels = [m.label for cls in _labelled_enums() for m in cls]  # every service module imported: TEMPLATES full
    menu_texts = list(menus.MENUS) + [f.text for f in menus.FEATURE_ACTIONS]
    return {"enums": list(dict.fromkeys(labels)), "menus": list(dict.fromkeys(menu_texts)),
            # services' label tables, shown through the tr() of the widget named
            "CaseDetailDialog": list(ACTION_LABELS.values()),
            "ScoresModel": [indicator.name for indicator in DEFAULT_INDICATORS],
            "AuditLogWindow": list(CHAIN_PROBLEMS),
            "AuditLogModel": list(dict.fromkeys(AUDIT_ACTION_LABELS.values())),
            "messages": list(TEMPLATES)}


def _existing(path: Path) -> dict[tuple[str, str], str]:
    if not path.exists():
        return {}
    known = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.text and translation.get("type") != "obsolete":
                known[(name, message.findtext("source"))] = translation.text
    return known


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ts", type=Path, default=TS,
                        help="the .ts to refresh (default: griddesk_en.ts); the .qm is written beside it")
    ts = parser.parse_args().ts
    known = _existing(ts)
    # lupdate writes source locations relative to the .ts: made here, they read ../../desktop/… wherever
    # the checkout lives.
    fresh = HERE / f".lupdate-{os.getpid()}.ts"
    try:
        sources = sorted(str(p) for p in (ROOT / "desktop").rglob("*.py"))
        subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(fresh)], check=True,
                       capture_output=True)
        tree = ET.parse(fresh)
    finally:
        fresh.unlink(missing_ok=True)
    root = tree.getroot()
    root.set("language", "en")
    root.set("sourcelanguage", "zh_CN")
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    for name, texts in _runtime_strings().items():
        context = contexts.get(name)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        present = {m.findtext("source") for m in context.iter("message")}
        for text in texts:
            if text not in present:
                message = ET.SubElement(context, "message")
                ET.SubElement(message, "source").text = text
                ET.SubElement(message, "translation", type="unfinished")
    missing = 0
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            english = known.get((name, message.findtext("source")))
            if english:
                translation.text = english
                translation.attrib.pop("type", None)
            else:
                missing += 1
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, capture_output=True)
    print(f"{ts.name}: {missing} string(s) without an English translation")


if __name__ == "__main__":
    main()
