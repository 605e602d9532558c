"""Quantitative targets and dates in a task's text.

Targets: a number with a counting unit ("新增规模以上工业企业 100 家" → 新增规模以上工业企业 ≥ 100 家);
以上/不低于/不少于/达到 and a bare number read as "at least" (spec: 新增…100家 → ≥100), 超过 as "more
than", 左右 as "about", 以下/不超过 as "at most". "均在" shares one figure among the items listed before
it ("签约项目、开工项目、投产项目均在 100 个以上" → three targets). Numbers that name something other than a
target are skipped (NOT_TARGETS, each with its reason).

Dates: "2023年6月底前" → 2023-06-30; "1月底前" → the last day of that month of the document's year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass
from datetime import date

UNITS = ("万千瓦", "亿元", "万元", "万吨", "万亩", "万头", "万户", "万人", "万个", "公里", "个", "家", "所",
         "条", "套", "户", "人", "项", "座", "亩", "%")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(map(re.escape, UNITS)) + r")(以上|以下|左右)?")
_CLAUSE_BREAK = "，。；,;：:"
_LEAD_WORDS = re.compile(r"^(全年|其中|确保|力争|累计)+")
_COMPARATORS = (("不低于", "ge"), ("不少于", "ge"), ("不超过", "le"), ("超过", "gt"), ("达到", "ge"),
                ("稳定在", "ge"), ("均在", "ge"), ("在", "ge"))

# Numbers in the tasks' text that are not targets.
NOT_TARGETS = {
    "50条具体措施": "names the 50 measures of a provincial document, not a quantity to reach",
    "3个国家湿地公园": "counts existing parks whose quality is to improve",
    "个工作日": "a time limit, not a target",
}


@dataclass(frozen=True)
class Target:
    metric: str
    comparison: str  # ge | gt | le | about
    value: str  # decimal as written
    unit: str
    text: str  # the words of the text it was read from

    def as_dict(self) -> dict:
        return asdict(self)


def targets(text: str) -> list[Target]:
    out: list[Target] = []
    for m in _NUMBER.finditer(text):
        rest = text[m.start():]
        if any(rest.startswith(p) or rest[len(m.group(1)):].lstrip().startswith(p) for p in NOT_TARGETS):
            continue
        start = _clause_start(text, m.start())
        before = text[start:m.start()].strip()
        after = _clause_after(text, m.end())
        comparison = {"以上": "ge", "以下": "le", "左右": "about"}.get(m.group(3) or "", "")
        metric = before
        for word, cmp in _COMPARATORS:
            if metric.endswith(word):
                metric = metric.removesuffix(word)
                comparison = comparison if comparison and cmp == "ge" else cmp
                break
        shared = before.endswith("均在")
        metric = _LEAD_WORDS.sub("", metric).strip()
        phrase = text[start:m.end()].strip()
        if len(metric) <= 2 and after:  # "完成542个行政村背街小巷硬化": the thing counted follows the number
            metric, phrase = after, phrase + after
        comparison = comparison or "ge"
        names = _split_list(metric) if shared else [metric]
        out.extend(Target(name, comparison, m.group(1), m.group(2), phrase) for name in names)
    return out


def _clause_start(text: str, end: int) -> int:
    """Where the words naming the number's thing begin: back to the clause's start, over a 、 only when the
    item before it has no figure of its own ("数字化转型、5G应用、智能制造项目100个" is one target,
    "国家级龙头企业 2 家、省级龙头企业 14 家" two) or when a list shares the figure ("…均在")."""
    start, depth = end, 0
    while start > 0:
        ch = text[start - 1]
        if ch in "）)〕":
            depth += 1
        elif ch in "（(〔":
            depth -= 1
        elif depth == 0 and ch in _CLAUSE_BREAK:
            break
        elif depth == 0 and ch == "、":
            item_start = start - 1
            while item_start > 0 and text[item_start - 1] not in _CLAUSE_BREAK + "、":
                item_start -= 1
            if _NUMBER.search(text[item_start:start - 1]) and not text[start:end].strip().endswith("均在"):
                break
        start -= 1
    return start


def _clause_after(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end] not in _CLAUSE_BREAK and text[end] != "、":
        end += 1
    return text[start:end].strip()


def _split_list(metric: str) -> list[str]:
    return [_LEAD_WORDS.sub("", p).strip() for p in metric.removesuffix("均在").split("、") if p.strip()]


_DUE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(底|\d{1,2}\s*日)前")


def due_dates(text: str, year: int) -> list[tuple[date, str]]:
    """Every "…月底前" / "…月…日前" in the text with the words it was read from (in order)."""
    out = []
    for m in _DUE.finditer(text):
        y = int(m.group(1) or year)
        month = int(m.group(2))
        day = calendar.monthrange(y, month)[1] if m.group(3) == "底" else int(m.group(3).rstrip("日").strip())
        out.append((date(y, month, day), m.group(0)))
    return out
