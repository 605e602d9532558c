"""Language of texts meant for a person: Simplified Chinese unless Accept-Language asks for English."""

from contextvars import ContextVar

_lang: ContextVar[str] = ContextVar("lang", default="zh")


def set_language(accept_language: str | None) -> None:
    _lang.set(pick_language(accept_language))


def pick_language(accept_language: str | None) -> str:
    """The first of zh/en in the header by q-value; Chinese when absent or undecidable."""
    if not accept_language:
        return "zh"
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in ("zh", "en"):
            ranked.append((-q, i, primary))
    return sorted(ranked)[0][2] if ranked else "zh"


def current_language() -> str:
    return _lang.get()


def t(zh: str, en: str) -> str:
    """Pick the text for the caller's language."""
    return en if _lang.get() == "en" else zh
