"""The seven award categories (安政办〔2023〕4号 第三条–第九条) and their honours (第二十一条、第二十二条)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import art


class CategoryCode(StrEnum):
    TOP10 = "top10"
    FAST10 = "fast10"
    TOP50 = "top50"
    FAST50 = "fast50"
    MERIT10 = "merit10"
    INNOVATOR10 = "innovator10"
    TRADE10 = "trade10"


class Who(StrEnum):
    ENTERPRISE = "enterprise"
    ENTREPRENEUR = "entrepreneur"


class Granter(StrEnum):
    CITY_PARTY_COMMITTEE_AND_GOVERNMENT = "city_party_committee_and_government"  # 市委、市政府
    CITY_GOVERNMENT = "city_government"  # 市政府


GRANTER_ZH = {
    Granter.CITY_PARTY_COMMITTEE_AND_GOVERNMENT: "市委、市政府",
    Granter.CITY_GOVERNMENT: "市政府",
}


class HonourItem(StrEnum):
    TITLE = "title"  # 称号
    CERTIFICATE = "certificate"  # 证书
    PLAQUE = "plaque"  # 牌匾（荣誉牌匾）
    TROPHY = "trophy"  # 奖杯


HONOUR_ITEM_ZH = {
    HonourItem.TITLE: "称号",
    HonourItem.CERTIFICATE: "证书",
    HonourItem.PLAQUE: "牌匾",
    HonourItem.TROPHY: "奖杯",
}


@dataclass(frozen=True, slots=True)
class Category:
    code: CategoryCode
    name_zh: str
    name_en: str
    who: Who
    places: int
    article: str  # the article that defines the category
    honour_items: tuple[HonourItem, ...]
    granted_by: Granter
    honour_article: str
    scored: bool = True  # False for merit10 (差额评选 by vote, Art. 7)

    def title_zh(self, year: int) -> str:
        """The title conferred, e.g. 2023年度安阳市制造业“10强”企业."""
        return f"{year}年度安阳市{self.name_zh}"


_ENTERPRISE_HONOURS = (HonourItem.TITLE, HonourItem.PLAQUE, HonourItem.TROPHY)  # 第二十一条: 荣誉牌匾和奖杯
_PERSON_HONOURS = (HonourItem.TITLE, HonourItem.CERTIFICATE, HonourItem.PLAQUE, HonourItem.TROPHY)

CATEGORIES: dict[CategoryCode, Category] = {
    c.code: c
    for c in (
        Category(
            CategoryCode.TOP10,
            "制造业“10强”企业",
            "Top 10 manufacturing enterprises",
            Who.ENTERPRISE,
            10,
            art("第三条"),
            _ENTERPRISE_HONOURS,
            Granter.CITY_PARTY_COMMITTEE_AND_GOVERNMENT,
            art("第二十一条"),
        ),
        Category(
            CategoryCode.FAST10,
            "制造业“10快”企业",
            "Top 10 fastest-growing manufacturing enterprises",
            Who.ENTERPRISE,
            10,
            art("第四条"),
            _ENTERPRISE_HONOURS,
            Granter.CITY_PARTY_COMMITTEE_AND_GOVERNMENT,
            art("第二十一条"),
        ),
        Category(
            CategoryCode.TOP50,
            "制造业“50强”企业家",
            "Top 50 manufacturing entrepreneurs",
            Who.ENTREPRENEUR,
            50,
            art("第五条"),
            _PERSON_HONOURS,
            Granter.CITY_PARTY_COMMITTEE_AND_GOVERNMENT,
            art("第二十一条"),
        ),
        Category(
            CategoryCode.FAST50,
            "制造业“50快”企业家",
            "Top 50 fastest-growing manufacturing entrepreneurs",
            Who.ENTREPRENEUR,
            50,
            art("第六条"),
            _PERSON_HONOURS,
            Granter.CITY_PARTY_COMMITTEE_AND_GOVERNMENT,
            art("第二十一条"),
        ),
        Category(
            CategoryCode.MERIT10,
            "“十大功勋企业家”",
            "Ten meritorious entrepreneurs",
            Who.ENTREPRENEUR,
            10,
            art("第七条"),
            _PERSON_HONOURS,
            Granter.CITY_GOVERNMENT,
            art("第二十二条"),
            scored=False,
        ),
        Category(
            CategoryCode.INNOVATOR10,
            "“十佳创新型企业家”",
            "Ten best innovative entrepreneurs",
            Who.ENTREPRENEUR,
            10,
            art("第八条"),
            _PERSON_HONOURS,
            Granter.CITY_GOVERNMENT,
            art("第二十二条"),
        ),
        Category(
            CategoryCode.TRADE10,
            "“十佳外贸企业家”",
            "Ten best foreign-trade entrepreneurs",
            Who.ENTREPRENEUR,
            10,
            art("第九条"),
            _PERSON_HONOURS,
            Granter.CITY_GOVERNMENT,
            art("第二十二条"),
        ),
    )
}

# Art. 11 treats 50强 and 50快 together: one nominee per enterprise across both.
ONE_NOMINEE_GROUP: frozenset[CategoryCode] = frozenset({CategoryCode.TOP50, CategoryCode.FAST50})


def category(code: str | CategoryCode) -> Category:
    """The category for a code; KeyError for an unknown code."""
    return CATEGORIES[CategoryCode(code)]
