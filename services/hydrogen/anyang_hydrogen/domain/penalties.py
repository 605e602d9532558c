"""Penalties for breaches of the 办法 (安政办〔2023〕2号 第二十六条: 违反本办法的，由城市管理部门按照城镇燃气
相关法律法规等有关规定进行处罚).

What is punishable is a breach of a duty the 办法 puts on the station's builder or operator; the
penalty itself is imposed under the gas law the decision applies (e.g. 《城镇燃气管理条例》), which the
decision names. Breaches of police, emergency, fire, market-regulation or planning rules are handled by
those departments under their own law (第二十六条 second half) and are not recorded here.
"""

from __future__ import annotations

from enum import StrEnum

from anyang_hydrogen.domain.decision import Decision

DOCUMENT = "安政办〔2023〕2号"
BASIS = f"{DOCUMENT} 第二十六条"
PENALTY_SCOPE = "hydrogen.penalty"  # 城市管理部门 (市城市管理局, a county's 城管局 for its area)

_DIGITS = "零一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """1..99 as the bulletin writes article numbers (第十五条, 第二十一条)."""
    tens, ones = divmod(n, 10)
    if n < 10:
        return _DIGITS[n]
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


# Articles that put a duty on a station's builder/operator (or, 第二十四条, on anyone near a station).
PUNISHABLE_ARTICLES: dict[int, str] = {
    10: "设计、施工、监理单位不具备相应资质或未经施工图审查、施工许可",
    11: "未经竣工验收、安全验收评价或未在15日内备案即交付使用",
    12: "不具备经营条件从事经营",
    13: "未报备或未经核验通过即投入运营",
    14: "报备材料不真实、不合法、不有效",
    15: "未建立储氢瓶追溯系统，或向未登记、与登记证不一致的储氢瓶或其他气瓶、装置加气",
    16: "未定期公示氢气质量检测报告",
    17: "未建立运行档案或未按期限保存记录",
    19: "未按时完成设备巡检或未定期组织演练",
    21: "为无使用登记证、钢瓶附件缺失或高压管线漏气的车辆充装",
    22: "未定期安全评估或未及时消除事故隐患",
    23: "未制定、备案应急预案或未每半年至少演练一次",
    24: "侵占、损毁、擅自拆除加氢站设施或安全警示标志",
    25: "事故发生后未启动应急预案或未及时、如实报告",
}


# 第二十六条 second half: matters of other departments' law are handled by them, not penalised here.
OTHER_DEPARTMENTS: dict[int, str] = {9: "自然资源和规划部门（用地性质，第四条（三））"}
THIRD_PARTY_ARTICLES = frozenset({24})  # 任何单位和个人: the duty is on whoever breaches it


class PartyKind(StrEnum):
    operator = "operator"
    enterprise = "enterprise"
    person = "person"


PARTY_KIND_LABELS = {"operator": "加氢站经营企业", "enterprise": "其他单位", "person": "个人"}


class PenaltySeverity(StrEnum):
    minor = "minor"
    general = "general"
    serious = "serious"


SEVERITY_LABELS = {
    PenaltySeverity.minor: "轻微",
    PenaltySeverity.general: "一般",
    PenaltySeverity.serious: "严重",
}


def article_name(n: int) -> str:
    return f"第{_chinese_number(n)}条" if 0 < n < 100 else f"第{n}条"


def check_violated_articles(articles: list[int]) -> Decision:
    """Every article must be one whose breach 第二十六条 lets the 城市管理部门 punish."""
    unknown = sorted({a for a in articles if a not in PUNISHABLE_ARTICLES})
    facts = {"violated_articles": sorted(set(articles))}
    elsewhere = sorted(set(articles) & set(OTHER_DEPARTMENTS))
    if elsewhere:
        who = "；".join(f"{article_name(a)}由{OTHER_DEPARTMENTS[a]}依法处理" for a in elsewhere)
        return Decision(False, "other_department", BASIS, facts,
                        f"{who}，不属城市管理部门处罚（{BASIS}）",
                        f"Article(s) {elsewhere} are handled by other departments under their own law ({BASIS})")
    if not articles or unknown:
        allowed = "、".join(article_name(a) for a in PUNISHABLE_ARTICLES)
        which = "、".join(article_name(a) for a in unknown) if unknown else "（未填写）"
        return Decision(
            False,
            "not_punishable",
            BASIS,
            facts,
            f"{which}不是{DOCUMENT}中可由城市管理部门处罚的义务条款；可填：{allowed}",
            f"Article(s) {unknown or 'none'} of {DOCUMENT} carry no duty the city management "
            f"department punishes under Art. 26; allowed: {sorted(PUNISHABLE_ARTICLES)}",
        )
    return Decision(True, "punishable", BASIS, facts)


def legal_basis(articles: list[int], applied_provision: str) -> str:
    """The basis text of a decision: the breach of the 办法, Art. 26 and the provision applied."""
    breached = "、".join(article_name(a) for a in sorted(set(articles)))
    return f"违反{DOCUMENT}{breached}；依据{BASIS}、{applied_provision.strip()}"


def check_party(articles: list[int], party_kind: str | None) -> Decision:
    """The penalised party is whoever breached: the operator for the operator's duties; for 第二十四条 (任何单位和
    个人) the party must be named — a third party's breach is never charged to the operator."""
    facts = {"violated_articles": sorted(set(articles)), "party_kind": party_kind}
    third = set(articles) & THIRD_PARTY_ARTICLES
    duties = set(articles) - THIRD_PARTY_ARTICLES
    if third and party_kind is None:
        return Decision(False, "party_required", BASIS, facts,
                        "违反第二十四条的处罚须写明违法的单位或个人（party_kind、party_code、party_name），"
                        "不得默认为加氢站经营企业",
                        "An Art. 24 penalty names the party who breached it; it is not charged to the operator "
                        "by default")
    if duties and party_kind not in (None, PartyKind.operator):
        listed = "、".join(article_name(a) for a in sorted(duties))
        return Decision(False, "operator_duty", BASIS, facts,
                        f"{listed}是加氢站经营（建设）单位的义务，被处罚人应为经营企业",
                        f"Article(s) {sorted(duties)} are the operator's duties; the party is the operator")
    return Decision(True, "party_fits", BASIS, facts)
