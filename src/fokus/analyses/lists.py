"""Lists inside a sentence, joined the way each language writes them.

"ChatGPT Plus, Copilot og Gemini" in bokmål, "ChatGPT Plus, Copilot and Gemini" in
English: a finding's parameter holds both (:class:`fokus.i18n.Bilingual`), and the
report shows the reader's. Items are data (tool names) or message keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fokus.i18n import Bilingual, Language, translate

_AND: dict[Language, str] = {"nb": "og", "en": "and"}


def _joined(items: Sequence[str], language: Language) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_AND[language]} {items[-1]}"


def listed(items: Iterable[str]) -> Bilingual:
    """Texts (names as written) joined with commas and a final "og" / "and"."""
    shown = tuple(items)
    return Bilingual(_joined(shown, "nb"), _joined(shown, "en"))


def listed_keys(keys: Iterable[str]) -> Bilingual:
    """Message keys, each shown translated, joined as :func:`listed` joins."""
    shown = tuple(keys)
    return Bilingual(
        _joined([translate(k, "nb") for k in shown], "nb"),
        _joined([translate(k, "en") for k in shown], "en"),
    )
