"""Translation catalogs (gettext ``.po`` files) and locale-aware formatting.

Every user-facing string lives in ``locale/<lang>/*.po``, one file per area (``cli``,
``ingest``, ``report`` …) so that work on one area never conflicts with another. The
message ids are stable symbolic keys such as ``import.refused.empty``; both languages
have a translation for every key, which a test checks. Catalogs are read with Babel at
run time, so no compile step is needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Literal, get_args

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent

Language = Literal["nb", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
_BABEL_LOCALE: Mapping[Language, str] = {"nb": "nb_NO", "en": "en_GB"}


def parse_language(value: str) -> Language | None:
    """Return the language for ``value`` (``nb``, ``no``, ``nb_NO``, ``en`` …) or None."""
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    if code in {"nb", "no", "nn"}:
        return "nb"
    if code == "en":
        return "en"
    return None


@cache
def babel_locale(language: Language) -> Locale:
    """The language's Babel locale, parsed once (the formatters below would parse
    its name on every call)."""
    return Locale.parse(_BABEL_LOCALE[language])


@cache
def catalog(language: Language) -> Mapping[str, str]:
    """All translations of one language, merged from every ``.po`` file."""
    folder = resources.files("fokus") / "locale" / language
    messages: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".po"):
            continue
        with entry.open("rb") as handle:
            parsed = read_po(handle, locale=_BABEL_LOCALE[language].split("_")[0])
        for message in parsed:
            if message.id and isinstance(message.id, str) and message.string:
                messages[message.id] = str(message.string)
    return messages


def translate(key: str, language: Language, **params: object) -> str:
    """The text for ``key`` in ``language``, with ``{placeholders}`` filled in.

    A missing key shows as the key itself, so a gap is visible rather than fatal;
    the catalog tests make sure no shipped key is missing.
    """
    text = catalog(language).get(key, key)
    if not params:
        return text
    return text.format_map({k: _display(v, language) for k, v in params.items()})


class MessageKey(str):
    """A parameter that is itself a message key, shown translated."""

    __slots__ = ()


class Label(str):
    """A value shown through a message of its own, with parameters.

    As a ``str`` it is the raw value (the stored metric name ``impressions_organic``):
    that is what JSON output, sorting and comparisons see. Shown to people it is
    ``key`` filled with ``params`` ("Eksponeringer (organisk)"); without a key, the raw
    value itself (data such as a heading fokus does not know).
    """

    key: str | None
    params: Mapping[str, object]

    def __new__(cls, raw: str, key: str | None = None, **params: object) -> Label:
        label = super().__new__(cls, raw)
        label.key = key
        label.params = dict(params)
        return label

    def __repr__(self) -> str:
        return f"Label({str(self)!r}, {self.key!r}, **{self.params!r})"


class Bilingual(str):
    """A value written in both languages by fokus itself (a register's column
    header, a template's example), shown in the reader's language.

    As a ``str`` it is the English text: what JSON output and comparisons see.
    """

    nb: str

    def __new__(cls, nb: str, en: str) -> Bilingual:
        value = super().__new__(cls, en)
        value.nb = nb
        return value

    def __repr__(self) -> str:
        return f"Bilingual({self.nb!r}, {str(self)!r})"

    def text(self, language: Language) -> str:
        return self.nb if language == "nb" else str(self)


def show(value: object, language: Language) -> str:
    """A label cell or parameter as text: a :class:`Label` by its message, a
    :class:`Bilingual` in the language, any other value as the message key it is."""
    if isinstance(value, Bilingual):
        return value.text(language)
    if isinstance(value, Label):
        if value.key is None:
            return str(value)
        return translate(value.key, language, **value.params)
    return translate(str(value), language)


class MessageKeys(tuple[str, ...]):
    """A parameter listing message keys, shown translated and joined by commas."""

    __slots__ = ()


class Percent(float):
    """A parameter that is a fraction, shown as a percentage (``0.05`` → 5 %)."""

    __slots__ = ()


def _display(value: object, language: Language) -> object:
    """Format numbers and dates in parameters the way the language writes them."""
    if isinstance(value, MessageKey | Label | Bilingual):
        return show(value, language)
    if isinstance(value, MessageKeys):
        return ", ".join(translate(key, language) for key in value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        shown = format_percent if isinstance(value, Percent) else format_number
        return shown(value, language)
    if isinstance(value, dt.date):
        return format_day(value, language)
    return value


def format_number(value: float, language: Language, digits: int = 1) -> str:
    """``12345.6`` → ``12 345,6`` (nb) or ``12,345.6`` (en)."""
    if isinstance(value, int):
        return str(_babel_format_decimal(value, locale=babel_locale(language)))
    pattern = "#,##0." + "#" * digits if digits else "#,##0"
    return str(
        _babel_format_decimal(value, format=pattern, locale=babel_locale(language))
    )


def format_percent(value: float, language: Language, digits: int = 1) -> str:
    """A fraction as a percentage: ``0.0734`` → ``7,3 %`` (nb) or ``7.3%`` (en).

    The locale's own pattern decides the space before the sign (bokmål writes a
    no-break space), only the number of decimals is ours.
    """
    locale = babel_locale(language)
    pattern = str(locale.percent_formats[None].pattern)
    if digits:  # the patterns ("#,##0 %", "#,##0%") have a single integer zero
        pattern = pattern.replace("0", "0." + "0" * digits, 1)
    return str(_babel_format_percent(value, format=pattern, locale=locale))


def format_day(value: dt.date, language: Language) -> str:
    """A calendar day: ``14. apr. 2025`` (nb) or ``14 Apr 2025`` (en)."""
    return str(
        _babel_format_date(value, format="medium", locale=babel_locale(language))
    )
