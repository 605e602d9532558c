"""The bulletin's text as paragraphs: a page break leaves a blank line inside a paragraph (even inside a
unit name, "市发展\n\n改革委"); a paragraph that does not open a heading or a numbered item continues
the one before it and is joined to it without a separator."""

from __future__ import annotations

import re

CN_NUM = "一二三四五六七八九十"
SECTION = re.compile(rf"^[{CN_NUM}]+、")
CLAUSE = re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]")
ITEM = re.compile(r"^(\d+)\.\s*")


def region(text: str, start: str, end: str) -> str:
    """The text from the line `start` (a document number) to the first line `end` after it."""
    i = text.index(f"\n{start}\n")
    j = text.index(end, i)
    return text[i:j]


def paragraphs(text: str, *, starts=(SECTION, CLAUSE, ITEM)) -> list[str]:
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        if out and not any(p.match(block) for p in starts):
            out[-1] += block
        else:
            out.append(block)
    return out


def heading(paragraph: str) -> str:
    """A heading in one spelling: full-width brackets, no inner spaces, no closing full stop."""
    p = re.sub(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*", r"（\1）", paragraph)
    return p.rstrip("。")


def split_trailing_parenthesis(paragraph: str) -> tuple[str, str]:
    """(text, parenthesis) where the paragraph ends with a bracketed note; either bracket style, mixed."""
    if not paragraph or paragraph[-1] not in "）)":
        return paragraph, ""
    depth = 0
    for i in range(len(paragraph) - 1, -1, -1):
        ch = paragraph[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return paragraph[:i], paragraph[i:]
    return paragraph, ""
