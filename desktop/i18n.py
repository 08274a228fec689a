"""Qt translations: Simplified Chinese is the source language; English comes from resources.

The program's strings are written in Chinese, so Chinese needs no translator of its own, only
Qt's for its standard buttons (确定/取消). Switching language re-installs the translators; Qt
then sends every widget a LanguageChange event and each re-runs its `retranslate()`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .models.enums import PeriodKind
from .paths import resources_dir
from .said import Said, fill, labelled

LANGUAGES = {"zh": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"
_QT_LOCALE = {"zh": "zh_CN", "en": "en"}


def translations_dir():
    return resources_dir() / "translations"


class Translations:
    """The translators installed on the application for the current language."""

    def __init__(self, app: QCoreApplication):
        self.app = app
        self.language: str | None = None
        self._installed: list[QTranslator] = []

    def install(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed.clear()
        qt = QTranslator(self.app)
        if qt.load(f"qtbase_{_QT_LOCALE[language]}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._installed.append(qt)
        if language != DEFAULT_LANGUAGE:
            ours = QTranslator(self.app)
            if not ours.load(f"griddesk_{language}", str(translations_dir())):
                raise FileNotFoundError(f"griddesk_{language}.qm missing in {translations_dir()}")
            self._installed.append(ours)
        for translator in self._installed:
            self.app.installTranslator(translator)
        QLocale.setDefault(QLocale(_QT_LOCALE[language]))
        self.language = language


def label(member) -> str:
    """The Chinese label of a domain enum member, translated (context "enums")."""
    return QCoreApplication.translate("enums", member.label)


def say(text) -> str:
    """What a service said, in the interface language: a Said by its template translated (context "messages")
    and filled with its arguments, said so in turn; an enum member by its label; other text as it is (what no
    Message declares stays Chinese). A translation whose placeholders do not fit its template is not used."""
    if labelled(text):
        return label(text)
    if not isinstance(text, Said):
        return text
    try:
        return fill(QCoreApplication.translate("messages", text.template), text.arguments, say)
    except (KeyError, IndexError, ValueError):
        return fill(text.template, text.arguments, say)


_QUARTERS = (QT_TRANSLATE_NOOP("periods", "第一季度"), QT_TRANSLATE_NOOP("periods", "第二季度"),
             QT_TRANSLATE_NOOP("periods", "第三季度"), QT_TRANSLATE_NOOP("periods", "第四季度"))


def period_label(period) -> str:
    """An evaluation period (services.evaluation.periods.Period) as the interface language says it."""
    year, month = str(period.starts_on.year), period.starts_on.month
    if period.kind is PeriodKind.MONTH:
        return QCoreApplication.translate("periods", "%1年%2月").replace("%1", year).replace("%2", str(month))
    if period.kind is PeriodKind.QUARTER:
        quarter = QCoreApplication.translate("periods", _QUARTERS[(month - 1) // 3])
        return QCoreApplication.translate("periods", "%1年%2").replace("%1", year).replace("%2", quarter)
    return QCoreApplication.translate("periods", "%1年度").replace("%1", year)


def actor_name(actor) -> str:
    """Who is acting, as the interface language says it: the built-in administrator's name is the services'
    Chinese (the audit log records it so), translated here."""
    if actor.is_system:
        return QCoreApplication.translate("i18n", "系统管理员(%1)").replace("%1", actor.os_user)
    return actor.display_name


def enumeration(items) -> str:
    """Items as a list in running text: "2026-09、2026-10" in Chinese, "2026-09, 2026-10" in English."""
    return QCoreApplication.translate("i18n", "、").join(map(str, items))


def unbroken(text: str) -> str:
    """`text` kept on one line when a label wraps: Chinese may break between any two characters,
    a word joiner between them forbids it (and a no-break space stands for each space)."""
    return "\u2060".join(text.replace(" ", "\u00a0"))
