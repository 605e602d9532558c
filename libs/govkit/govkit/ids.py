"""Identifiers of legal entities (GB 32100-2015) and natural persons (GB 11643-1999).

Validation says what is wrong (length, an illegal character and its position, an unknown
registration-authority or type code, an impossible birth date, a check character that does not
match), in Chinese and English; ``str(exc)`` follows the caller's language (govkit.i18n).
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from govkit.i18n import t

# GB 32100-2015 4.1: character set 0-9 and upper-case letters except I, O, Z, S, V (31 characters).
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, ... (GB 32100-2015 附录B)

# GB 32100-2015 表1/表2 and codes assigned since: registration authority (1st) -> institution types (2nd).
USCC_AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": ("司法行政", {"1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构",
                   "5": "仲裁委员会", "9": "其他"}),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": ("旅游", {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
                 "9": "其他"}),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {"1": "其他"}),
}

# GB 11643-1999 7.2: ISO 7064 MOD 11-2.
RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_CHECK = "10X98765432"
EARLIEST_BIRTH_YEAR = 1900

_CN_TZ = timezone(timedelta(hours=8))

USCC_EXAMPLE = "91410500MA44X00003"
RESIDENT_ID_EXAMPLE = "11010519491231002X"  # the example printed in GB 11643-1999


class InvalidIdentifier(ValueError):
    """An identifier that fails validation. ``reason`` is a stable code; ``position`` is 1-based."""

    def __init__(self, zh: str, en: str, *, reason: str, position: int | None = None) -> None:
        super().__init__(en)
        self.zh, self.en, self.reason, self.position = zh, en, reason, position

    def __str__(self) -> str:
        return t(self.zh, self.en)


def _normalise(s: object, zh_name: str, en_name: str) -> str:
    if not isinstance(s, str):
        raise InvalidIdentifier(f"{zh_name}应为字符串", f"{en_name} must be a string", reason="type")
    return s.strip().upper()


def _check_length(code: str, zh_name: str, en_name: str) -> None:
    if len(code) != 18:
        raise InvalidIdentifier(f"{zh_name}应为18位，实际为{len(code)}位",
                                f"{en_name} must have 18 characters, got {len(code)}", reason="length")


def _illegal(code: str, pos: int, zh_name: str, en_name: str,
             allowed_zh: str, allowed_en: str) -> InvalidIdentifier:
    c = code[pos - 1]
    return InvalidIdentifier(f"{zh_name}第{pos}位字符“{c}”不合法（{allowed_zh}）",
                             f"{en_name}: illegal character '{c}' at position {pos} ({allowed_en})",
                             reason="illegal_character", position=pos)


def _mismatch(zh_name: str, en_name: str, expected: str, got: str) -> InvalidIdentifier:
    return InvalidIdentifier(f"{zh_name}校验码不符：应为“{expected}”，实际为“{got}”",
                             f"{en_name}: check character mismatch (expected {expected}, got {got})",
                             reason="check_character", position=18)


_USCC_ZH, _USCC_EN = "统一社会信用代码", "Unified social credit code"
_RID_ZH, _RID_EN = "公民身份号码", "Resident ID number"


def uscc_check_char(body17: str) -> str:
    """GB 32100-2015 附录B: C18 = 31 - (sum(Ci * Wi) mod 31), where 31 becomes 0."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(body17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def resident_check_char(body17: str) -> str:
    """GB 11643-1999 7.2: index (sum(ai * Wi) mod 11) in "10X98765432"."""
    return RESIDENT_CHECK[sum(int(c) * w for c, w in zip(body17, RESIDENT_WEIGHTS, strict=True)) % 11]


def _check_uscc_body(code: str) -> None:
    """Characters 1..17 of a USCC (length already checked)."""
    for pos, c in enumerate(code, start=1):
        if c not in _USCC_VALUE:
            raise _illegal(code, pos, _USCC_ZH, _USCC_EN, "只允许数字0-9和除I、O、Z、S、V以外的大写字母",
                           "allowed: digits 0-9 and upper-case letters except I, O, Z, S, V")
    authority = USCC_AUTHORITIES.get(code[0])
    if authority is None:
        known = "、".join(USCC_AUTHORITIES)
        raise InvalidIdentifier(f"{_USCC_ZH}第1位“{code[0]}”不是登记管理部门代码（应为{known}之一）",
                                f"{_USCC_EN}: '{code[0]}' at position 1 is not a registration authority code "
                                f"(one of {', '.join(USCC_AUTHORITIES)})",
                                reason="registration_authority", position=1)
    if code[1] not in authority[1]:
        known = "、".join(authority[1])
        raise InvalidIdentifier(f"{_USCC_ZH}第2位“{code[1]}”不是{authority[0]}登记的机构类别代码"
                                f"（应为{known}之一）",
                                f"{_USCC_EN}: '{code[1]}' at position 2 is not an institution type code of "
                                f"registration authority '{code[0]}' (one of {', '.join(authority[1])})",
                                reason="institution_type", position=2)
    for pos in range(3, 9):  # 登记管理机关行政区划码 (GB/T 2260): digits
        if not code[pos - 1].isdigit():
            raise _illegal(code, pos, _USCC_ZH, _USCC_EN, "第3至8位为登记管理机关行政区划码，只允许数字",
                           "positions 3-8 are the registering authority's region code: digits only")


def validate_uscc(s: str) -> str:
    """The code in upper case without surrounding spaces, or InvalidIdentifier."""
    code = _normalise(s, _USCC_ZH, _USCC_EN)
    _check_length(code, _USCC_ZH, _USCC_EN)
    _check_uscc_body(code)
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise _mismatch(_USCC_ZH, _USCC_EN, expected, code[17])
    return code


def _today() -> date:
    return datetime.now(_CN_TZ).date()


def resident_birth_date(code: str) -> date | None:
    """The birth date in positions 7-14, or None when it is not a real date."""
    try:
        return date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        return None


def validate_resident_id(s: str, *, today: date | None = None) -> str:
    """The number in upper case (check 'X') without surrounding spaces, or InvalidIdentifier."""
    code = _normalise(s, _RID_ZH, _RID_EN)
    _check_length(code, _RID_ZH, _RID_EN)
    for pos, c in enumerate(code, start=1):
        if not (c.isascii() and c.isdigit()) and not (pos == 18 and c == "X"):
            allowed = ("第18位只允许数字0-9或X", "position 18 allows digits 0-9 or X") if pos == 18 else \
                ("第1至17位只允许数字", "positions 1-17 allow digits only")
            raise _illegal(code, pos, _RID_ZH, _RID_EN, *allowed)
    born = resident_birth_date(code)
    today = today or _today()
    if born is None or born.year < EARLIEST_BIRTH_YEAR or born > today:
        if born is None:
            why_zh, why_en = "不是有效日期", "is not a real date"
        elif born > today:
            why_zh, why_en = "晚于今天", "is in the future"
        else:
            why_zh, why_en = f"早于{EARLIEST_BIRTH_YEAR}年", f"is before {EARLIEST_BIRTH_YEAR}"
        raw = code[6:14]
        raise InvalidIdentifier(f"{_RID_ZH}第7至14位出生日期“{raw}”{why_zh}",
                                f"{_RID_EN}: birth date '{raw}' at positions 7-14 {why_en}",
                                reason="birth_date", position=7)
    expected = resident_check_char(code[:17])
    if code[17] != expected:
        raise _mismatch(_RID_ZH, _RID_EN, expected, code[17])
    return code


def make_uscc(prefix17: str) -> str:
    """A valid USCC from its first 17 characters (for demo data and tests)."""
    body = _normalise(prefix17, _USCC_ZH, _USCC_EN)
    if len(body) != 17:
        raise ValueError(f"make_uscc needs 17 characters, got {len(body)}")
    _check_uscc_body(body + "0")
    return validate_uscc(body + uscc_check_char(body))


def make_resident_id(prefix17: str) -> str:
    """A valid resident ID number from its first 17 digits (for demo data and tests)."""
    body = _normalise(prefix17, _RID_ZH, _RID_EN)
    if len(body) != 17 or not (body.isascii() and body.isdigit()):
        raise ValueError(f"make_resident_id needs 17 digits, got {prefix17!r}")
    return validate_resident_id(body + resident_check_char(body))


def validate_subject_code(s: str) -> str:
    """A USCC or a resident ID number; the error explains both when it is neither."""
    if isinstance(s, str) and len(code := s.strip()) == 18 and not code[:17].isdigit():
        # not a resident ID (its first 17 are digits): try the USCC alone, without building the
        # resident-ID refusal first (that exception was most of a 1,000-record batch's validation)
        with contextlib.suppress(InvalidIdentifier):
            return validate_uscc(code)
    try:
        return validate_resident_id(s)
    except InvalidIdentifier as as_person:
        if as_person.reason in ("length", "type"):
            got = len(s.strip()) if isinstance(s, str) else 0
            raise InvalidIdentifier(
                f"统一社会信用代码或公民身份号码应为18位，实际为{got}位",
                f"Unified social credit code or resident ID number must have 18 characters, got {got}",
                reason=as_person.reason) from None
        try:
            return validate_uscc(s)
        except InvalidIdentifier as as_entity:
            raise InvalidIdentifier(
                f"既不是有效的统一社会信用代码：{as_entity.zh}；也不是有效的公民身份号码：{as_person.zh}",
                f"Neither a valid unified social credit code: {as_entity.en}; "
                f"nor a valid resident ID number: {as_person.en}",
                reason=as_entity.reason, position=as_entity.position) from None


def subject_type(code: str) -> Literal["legal_entity", "natural_person"]:
    """Which kind of subject a valid code identifies.

    A string valid under both standards (all digits, both check characters right, a real birth date)
    is taken as a natural person, so that it gets the protection personal data needs.
    """
    try:
        validate_resident_id(code)
        return "natural_person"
    except InvalidIdentifier:
        validate_uscc(code)
        return "legal_entity"


def mask_id(s: str) -> str:
    """First 6 and last 4 characters visible, the rest '*'; a string of 10 or fewer is fully masked."""
    code = s.strip()
    if len(code) <= 10:
        return "*" * len(code)
    return code[:6] + "*" * (len(code) - 10) + code[-4:]


# the form a schema can state (18 letters or digits; spaces around and lower case are accepted and normalised);
# the check character, the registration authority and the birth date are the validators' (which also say what is
# wrong with a code of the wrong form, so the pattern is declared, not enforced by pydantic)
ID_FORM = r"^\s*[0-9A-Za-z]{18}\s*$"
USCC = Annotated[str, AfterValidator(validate_uscc), Field(
    json_schema_extra={"pattern": ID_FORM},
    description="统一社会信用代码（GB 32100-2015，18位，含校验码） / unified social credit code",
    examples=[USCC_EXAMPLE])]
ResidentId = Annotated[str, AfterValidator(validate_resident_id), Field(
    json_schema_extra={"pattern": ID_FORM},
    description="公民身份号码（GB 11643-1999，18位，含校验码） / resident ID number",
    examples=[RESIDENT_ID_EXAMPLE])]
SubjectCode = Annotated[str, AfterValidator(validate_subject_code), Field(
    json_schema_extra={"pattern": ID_FORM},
    description="统一社会信用代码或公民身份号码 / unified social credit code or resident ID number",
    examples=[USCC_EXAMPLE, RESIDENT_ID_EXAMPLE])]
