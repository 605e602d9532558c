"""Coded values of the awards API: stable English codes (enum types) with their Chinese labels.

One name per state: a candidacy is `active` (参评中) or `disqualified` (已取消参评资格) wherever it appears — the
application, the notice entry and the ranking changes use the same codes and labels.
"""

from __future__ import annotations

from enum import StrEnum

from anyang_awards.domain.categories import CATEGORIES
from anyang_awards.domain.eligibility import ROLE_ZH, SECTOR_ZH, SEVERITY_ZH
from anyang_awards.domain.procedure import FINDING_ZH, STATE_ZH


def described(labels: dict[str, str]) -> str:
    """An enum's description: every code with its Chinese label."""
    return "；".join(f"{k}：{v}" for k, v in labels.items())


CATEGORY_LABELS = {c.value: cat.name_zh for c, cat in CATEGORIES.items()}
STATE_LABELS = {s.value: label for s, label in STATE_ZH.items()}
FINDING_LABELS = {f.value: label for f, label in FINDING_ZH.items()}  # 第二十五条
SECTOR_LABELS = {s.value: f"{name}（{group}）" for s, (name, group) in SECTOR_ZH.items()}  # 第一条
ROLE_LABELS = {r.value: label for r, label in ROLE_ZH.items()}  # 第五条, 第六条, 第八条, 第十一条
SEVERITY_LABELS = {s.value: label for s, label in SEVERITY_ZH.items()}  # 第二十四条
CONTRIBUTION_LABELS = {"innovation": "为科技创新作出积极贡献", "trade": "为进出口贸易作出积极贡献"}  # 第一条
CASE_FINDING_LABELS = {"open": "调查中", "responsible": "认定负有责任（责任事故或案件属实）",
                       "not_responsible": "不负责任或案件不属实"}  # 第二十四条
CASE_KIND_LABELS = {"accident": "环境或安全事故", "person_case": "本人重大违法违纪案件"}  # 第二十四条
ACCIDENT_KIND_LABELS = {"environment": "环境事故", "safety": "安全事故"}
FIGURE_ACTION_LABELS = {"confirm": "核实无误", "correct": "按本部门数据更正"}  # 第十二条, 第十七条

# a candidacy (application, notice entry, ranking): 第二条, 第二十四条, 第二十五条
CANDIDACY_STATUS_LABELS = {"active": "参评中", "disqualified": "已取消参评资格", "withdrawn": "已撤回"}
CandidacyStatus = StrEnum("CandidacyStatus", {k: k for k in CANDIDACY_STATUS_LABELS})
NOTICE_STATUS_LABELS = {k: v for k, v in CANDIDACY_STATUS_LABELS.items() if k != "withdrawn"}
NoticeStatus = StrEnum("NoticeStatus", {k: k for k in NOTICE_STATUS_LABELS})

# why a county reviews an application (第十六条; domain.reviewer)
REGION_SOURCE_LABELS = {"credit_subject": "信用主体登记的所在地", "uscc": "统一社会信用代码中的登记管理机关行政区划码",
                        "city": "市本级（评选领导小组办公室审核）"}
RegionSource = StrEnum("RegionSource", {k: k for k in REGION_SOURCE_LABELS})

COUNTY_DECISION_LABELS = {"pending": "待审核", "approved": "审核通过", "rejected": "审核未通过"}  # 第十六条
CountyDecision = StrEnum("CountyDecision", {k: k for k in COUNTY_DECISION_LABELS})

# a fact about a candidacy from outside the application (第二条, 第二十四条)
MARK_KIND_LABELS = {"credit_listing": "列入信用惩戒名单", "accident": "环境或安全事故",
                    "person_case": "本人重大违法违纪案件"}
MarkKind = StrEnum("MarkKind", {k: k for k in MARK_KIND_LABELS})
MARK_STATUS_LABELS = {"active": "有效（取消参评资格）", "under_review": "调查中（暂缓认定）",
                      "responsible": "认定负有责任（取消参评资格）", "lifted": "已解除",
                      "restored": "已恢复参评资格", "removed_not_restored": "名单已移出，未恢复参评资格"}
MarkStatus = StrEnum("MarkStatus", {k: k for k in MARK_STATUS_LABELS})

MEETING_KIND_LABELS = {"leading_group": "评选领导小组成员会议", "executive": "市政府常务会议",
                       "standing_committee": "市委常委会议"}  # 第十八条, 第十九条

OBJECTION_CHANNEL_LABELS = {"online": "网上提交", "counter": "书面递交评选领导小组办公室"}  # 第二十五条
ObjectionChannel = StrEnum("ObjectionChannel", {k: k for k in OBJECTION_CHANNEL_LABELS})
OBJECTION_STATUS_LABELS = {"filed": "已受理", "handled": "已提出处理意见", "decided": "领导小组已裁决"}  # 第十四条
ObjectionStatus = StrEnum("ObjectionStatus", {k: k for k in OBJECTION_STATUS_LABELS})

HONOUR_STATUS_LABELS = {"granted": "已授予", "revoked": "已撤销"}  # 第二十一条, 第二十二条, 第二十五条
HonourStatus = StrEnum("HonourStatus", {k: k for k in HONOUR_STATUS_LABELS})

# what the public notice marks on an entry, each with its basis (spec awards.md, Public notice)
NOTICE_MARK_LABELS = {"under_review": "调查中（第二十四条）", "disqualified": "已取消参评资格",
                      "rescored": "重新计分后名次或总分变化（第十条）"}
NoticeMarkKind = StrEnum("NoticeMarkKind", {k: k for k in NOTICE_MARK_LABELS})

# what one recomputation did to a candidacy (第十条: the ranking kept true)
RANKING_MOVE_LABELS = {"removed": "退出排名（不再参与计分）", "added": "进入排名", "left_places": "退出拟命名名次",
                       "entered_places": "进入拟命名名次", "moved": "名次或总分变化"}
RankingMove = StrEnum("RankingMove", {k: k for k in RANKING_MOVE_LABELS})
