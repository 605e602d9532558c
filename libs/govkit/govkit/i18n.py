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


# pydantic's error types in Chinese ({name} is filled from the error's ctx); pydantic's own text is English.
_VALIDATION_ZH: dict[str, str] = {
    "missing": "缺少必填项",
    "extra_forbidden": "不允许的字段",
    "json_invalid": "JSON 格式错误：{error}",
    "json_type": "应为 JSON",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "list_type": "应为数组",
    "tuple_type": "应为数组",
    "set_type": "应为数组",
    "string_type": "应为字符串",
    "string_sub_type": "应为字符串",
    "string_unicode": "应为有效的 Unicode 字符串",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "格式不符合要求（{pattern}）",
    "too_short": "至少 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_parsing_size": "整数超出可处理的范围",
    "int_from_float": "应为整数，不能带小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "最多 {max_digits} 位数字",
    "decimal_max_places": "最多 {decimal_places} 位小数",
    "decimal_whole_digits": "整数部分最多 {whole_digits} 位",
    "multiple_of": "应为 {multiple_of} 的整数倍",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "enum": "应为以下之一：{expected}",
    "literal_error": "应为以下之一：{expected}",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不能带时间",
    "datetime_type": "应为 RFC 3339 时间，如 2026-01-01T08:00:00Z",
    "datetime_parsing": "应为 RFC 3339 时间，如 2026-01-01T08:00:00Z",
    "datetime_from_date_parsing": "应为 RFC 3339 时间，如 2026-01-01T08:00:00Z",
    "timezone_aware": "时间须带时区，如 2026-01-01T08:00:00Z",
    "time_type": "应为时间（HH:MM:SS）",
    "time_parsing": "应为时间（HH:MM:SS）",
    "uuid_type": "应为 UUID",
    "uuid_parsing": "应为 UUID",
    "url_type": "应为 URL",
    "url_parsing": "应为 URL",
    "url_scheme": "URL 协议应为 {expected_schemes}",
    "bytes_type": "应为字节串",
    "none_required": "应为 null",
    "union_tag_invalid": "类型标记 {tag} 不是以下之一：{expected_tags}",
    "union_tag_not_found": "缺少类型标记字段 {discriminator}",
}


def validation_message(error: dict) -> str:
    """One pydantic error as a sentence in the caller's language. A validator's own message (value_error,
    assertion_error) is already written for people and kept; pydantic's English is used for English."""
    kind = str(error.get("type", ""))
    message = str(error.get("msg", ""))
    if kind in ("value_error", "assertion_error"):
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        return message
    if current_language() == "en":
        return message
    template = _VALIDATION_ZH.get(kind)
    if template is None:
        return f"取值无效（{kind}）"
    ctx = {k: str(v).replace(" or ", "、") for k, v in (error.get("ctx") or {}).items()}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template.split("{")[0].rstrip("：（ ") or f"取值无效（{kind}）"
