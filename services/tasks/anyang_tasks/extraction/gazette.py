"""The task register read from the bulletin (安阳市人民政府公报 2023年第1号):

- GWR, 安政办〔2023〕5号 part `body`: the 99 numbered tasks with their section path and parenthesis;
- BE, 安政办〔2023〕1号 part `annex`: the 12 rows of 重点任务清单 (every unit in 牵头单位 leads), and part
  `body`: the dated deadlines of the body's clauses that the annex does not repeat, numbered by clause;
- CP, 安政〔2023〕2号 part `credit_plan`: every item with a 责任单位 line, numbered in reading order.

`extract(text)` returns plain dicts (the shipped data file); every unit resolves through govkit.refdata.
"""

from __future__ import annotations

import re
from pathlib import Path

from anyang_tasks.domain.responsibility import LEAD, resolve, split_units
from anyang_tasks.extraction.quantities import due_dates, targets
from anyang_tasks.extraction.text import (
    CLAUSE,
    ITEM,
    SECTION,
    heading,
    paragraphs,
    region,
    split_trailing_parenthesis,
)

GWR, BE, CP = "安政办〔2023〕5号", "安政办〔2023〕1号", "安政〔2023〕2号"
YEAR = 2023
SOURCE = Path(__file__).with_name("gazette_2023_1.txt")
CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def cn_number(text: str) -> int:
    """一 … 二十三 as an int."""
    if "十" not in text:
        return CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def entry(*, id: str, document: str, part: str, number: int, ref: str, section: str, text: str,
          responsibility: str, pairs: list[tuple[str, str]] | None = None, due: tuple | None = None) -> dict:
    units, groups = resolve(pairs if pairs is not None else split_units(responsibility))
    dues = [due] if due else due_dates(text, YEAR)
    return {
        "id": id, "document": document, "part": part, "number": number, "ref": ref, "section": section,
        "text": text, "responsibility": responsibility,
        "due_on": max(d for d, _ in dues).isoformat() if dues else None,
        "due_basis": "；".join(words for _, words in dues) or None,
        "units": [{"code": u.code, "name": u.name, "role": u.role, "written": u.written} for u in units],
        "groups": [{"name": g.name, "role": g.role, "written": g.written} for g in groups],
        "targets": [t.as_dict() for t in targets(text)],
    }


def gwr_tasks(text: str) -> list[dict]:
    body = region(text, GWR, "\n2023年2月1日")
    out, section, clause = [], "", ""
    for p in paragraphs(body.split("\n", 3)[3]):
        if SECTION.match(p):
            section, clause = heading(p), ""
        elif CLAUSE.match(p):
            clause = heading(p)
        elif m := ITEM.match(p):
            n = int(m.group(1))
            task_text, note = split_trailing_parenthesis(p[m.end():])
            out.append(entry(id=f"GWR2023-{n}", document=GWR, part="body", number=n, ref=str(n),
                             section=f"{section} / {clause}", text=task_text, responsibility=note))
    return out


_ANNEX_ROW = re.compile(r"^(\d+)\t(.+?)\t(\S+前)\t(.+)$")


def be_annex(text: str) -> list[dict]:
    annex = region(text, BE, "\n安政办〔2023〕2号")
    annex = annex[annex.index("重点任务清单"):]
    out = []
    for line in annex.splitlines():
        if m := _ANNEX_ROW.match(line.strip()):
            n, task, limit, leads = int(m.group(1)), m.group(2), m.group(3), m.group(4)
            (due, words), = due_dates(limit, YEAR)
            names = [(name, LEAD) for name, _ in split_units(leads)]  # the 牵头单位 column: every unit leads
            out.append(entry(id=f"BE2023-A{n}", document=BE, part="annex", number=n, ref=f"附件 {n}",
                             section="附件 重点任务清单", text=task, responsibility=leads, pairs=names,
                             due=(due, words)))
    return out


def be_body_deadlines(text: str, annex: list[dict]) -> list[dict]:
    """Dated sentences of the body's clauses that no annex row repeats (same date and same duty)."""
    body = region(text, BE, "\n附件\n")
    repeated = {(a["due_on"], _words(a["text"])) for a in annex}
    out, section = [], ""
    for p in paragraphs(body, starts=(SECTION, CLAUSE)):
        if SECTION.match(p):
            section = heading(p)
            continue
        if not (m := re.match(r"^（([一二三四五六七八九十]+)）([^。]+)。", p)):
            continue
        clause_text, note = split_trailing_parenthesis(p)
        for sentence in re.split(r"(?<=。)", clause_text):
            dated = due_dates(sentence, YEAR)
            if not dated or any(d.isoformat() == due and _similar(sentence, words) for due, words in repeated
                                for d, _ in dated):
                continue
            n = cn_number(m.group(1))
            out.append(entry(id=f"BE2023-B{n}", document=BE, part="body", number=n, ref=f"（{m.group(1)}）",
                             section=f"{section} / （{m.group(1)}）{m.group(2)}", text=sentence.strip(),
                             responsibility=note))
    return out


def _words(text: str) -> str:
    return re.sub(r"[\s“”\"、，。]", "", text)


def _similar(sentence: str, annex_words: str) -> bool:
    """An annex row repeats a body sentence when most of the row's characters appear in the sentence."""
    s = _words(sentence)
    return sum(ch in s for ch in annex_words) >= 0.8 * len(annex_words)


_CP_ITEM = re.compile(r"^(\d+)\.\s*")


def cp_items(text: str) -> list[dict]:
    plan = region(text, CP, "\n安政办〔2023〕1号")
    out, section, clause = [], "", ""
    for p in paragraphs(plan):
        if SECTION.match(p):
            section, clause = heading(p), ""
            if not p.startswith(("二、", "三、")):
                section = ""
            continue
        if not section:
            continue
        item = _CP_ITEM.match(p)
        if CLAUSE.match(p) and not item:
            clause_head = re.match(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*([^。]*)", p)
            clause = f"（{clause_head.group(1)}）{clause_head.group(2)}"
            if "责任单位" not in p:
                continue
            ref = f"{section[:1]}（{clause_head.group(1)}）"
            body = p
        elif item:
            ref = f"{section[:1]}{clause.split('）')[0]}）{item.group(1)}"
            body = p[item.end():]
        else:
            continue
        task_text, note = split_trailing_parenthesis(body)
        if "责任单位" not in note:
            continue
        n = len(out) + 1
        out.append(entry(id=f"CP2023-{n}", document=CP, part="credit_plan", number=n, ref=ref,
                         section=f"{section} / {heading(clause)}", text=task_text, responsibility=note))
    return out


def extract(text: str) -> list[dict]:
    annex = be_annex(text)
    return [*gwr_tasks(text), *annex, *be_body_deadlines(text, annex), *cp_items(text)]
