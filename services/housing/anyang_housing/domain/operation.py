"""Recognised projects in operation: support policies (安政办〔2023〕7号 四（二）, 四（六）), the minimum
operation period and exit (二（二）, 五（三）), and what may be done with the property (五（三）, 四（一）1, 四（三）4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from anyang_housing.domain.decision import Decision
from anyang_housing.domain.params import param
from govkit.rules.periods import add_years

ONLY_FOR_RENT = "安政办〔2023〕7号 五（三）"
EXIT_BASIS = "安政办〔2023〕7号 二（二）、五（三）"

# 二（二）: 通过改建、改造及既有住房认定等方式筹集的…租赁运营期限不得低于5年
MIN_OPERATION_SOURCES = ("conversion", "renovation", "recognised_existing")
# 四（二）3-4, 四（六）2-3: 利用非居住存量土地和非居住存量房屋建设
NON_RESIDENTIAL_LAND = "non_residential_stock_land"
NON_RESIDENTIAL_SOURCE = "conversion"  # 非居住存量房屋改建


@dataclass(frozen=True)
class Policy:
    code: str
    label: str
    basis: str
    condition: str
    applies: bool

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "basis": self.basis, "condition": self.condition,
                "applies": self.applies}


def non_residential_stock(land_type: str, source: str) -> bool:
    return land_type == NON_RESIDENTIAL_LAND or source == NON_RESIDENTIAL_SOURCE


def support_policies(*, land_type: str, source: str, recognised: bool, completion_accepted: bool,
                     exited: bool = False) -> list[Policy]:
    """The policies a project gets, each with the condition it needs (all need the recognition certificate;
    exit withdraws them, 五（三）)."""
    stock = non_residential_stock(land_type, source)
    live = recognised and not exited
    cert = "取得保障性租赁住房项目认定书"
    stock_cond = "利用非居住存量土地或非居住存量房屋建设，" + cert
    return [
        Policy("infrastructure_fee_exemption", "免收城市基础设施配套费", "安政办〔2023〕7号 四（二）2",
               cert, live),
        Policy("rental_tax_treatment", "比照适用住房租赁增值税、房产税等税收优惠", "安政办〔2023〕7号 四（二）3",
               stock_cond, live and stock),
        Policy("residential_utility_prices", "用水、用电、用气、用暖按居民价格执行", "安政办〔2023〕7号 四（二）4",
               stock_cond + "并竣工验收", live and stock and completion_accepted),
        Policy("certificate_as_land_document", "凭认定书办理审批，不涉及土地权属变化的可用已有用地手续作为土地证明文件",
               "安政办〔2023〕7号 四（六）2", stock_cond, live and stock),
        Policy("combined_permits_by_commitment", "工程建设许可和施工许可合并办理，告知承诺制审批，联合验收",
               "安政办〔2023〕7号 四（六）3", stock_cond, live and stock),
    ]


def operation_ends(source: str, certificate_on: date | None) -> date | None:
    """The last day of the minimum operation period (its fifth anniversary, 民法典 第二百零二条), or None
    where the project's source carries no minimum (Interpretation: only 改建、改造、既有住房认定)."""
    if source not in MIN_OPERATION_SOURCES or certificate_on is None:
        return None
    return add_years(certificate_on, int(param("operation.min_years", certificate_on).value))


def exit_allowed(*, source: str, certificate_on: date, today: date) -> Decision:
    """5年后可申请退出: from the day after the period's last day."""
    ends = operation_ends(source, certificate_on)
    facts = {"source": source, "certificate_on": certificate_on.isoformat(),
             "minimum_operation_ends": ends.isoformat() if ends else None, "today": today.isoformat()}
    if ends is None:
        return Decision(True, "no_minimum_period", EXIT_BASIS, facts,
                        "该筹集方式无最低运营期限要求，可以申请退出；退出后不再享受支持政策",
                        "No minimum operation for this source: exit allowed; support policies are withdrawn")
    if today > ends:
        return Decision(True, "minimum_period_served", EXIT_BASIS, facts,
                        f"租赁运营已满5年（{ends.isoformat()}届满），可以申请退出；退出后不再享受支持政策",
                        f"5 years of operation ended on {ends.isoformat()}: exit allowed; policies withdrawn")
    return Decision(False, "minimum_period_running", EXIT_BASIS, facts,
                    f"通过改建、改造及既有住房认定筹集的项目租赁运营期限不得低于5年，{ends.isoformat()}届满后方可申请退出",
                    f"Converted, renovated or recognised stock operates 5 years: exit only after {ends.isoformat()}")


DISPOSITIONS = {
    "sale": "上市销售或变相销售",
    "split_registration": "办理分户不动产登记",
    "split_transfer": "分割转让",
    "split_mortgage": "分割抵押",
    "fundraising": "以保障性租赁住房名义集资建房",
    "whole_mortgage": "整体抵押融资",
    "collective_land_mortgage": "集体经营性建设用地使用权抵押贷款",
}
ALLOWED_DISPOSITIONS = {"whole_mortgage": "安政办〔2023〕7号 四（三）4",
                        "collective_land_mortgage": "安政办〔2023〕7号 四（一）1"}


def disposition(kind: str, *, land_type: str) -> Decision:
    """只租不售: sale and any split are refused; the whole project (or the collective land use right)
    may be mortgaged for financing."""
    facts = {"kind": kind, "label": DISPOSITIONS[kind], "land_type": land_type}
    if kind == "collective_land_mortgage" and land_type != "collective":
        return Decision(False, "not_collective_land", ALLOWED_DISPOSITIONS[kind], facts,
                        "仅集体经营性建设用地使用权可以办理抵押贷款，本项目不在集体经营性建设用地上",
                        "Only a collective construction land use right can be mortgaged this way")
    if kind in ALLOWED_DISPOSITIONS:
        return Decision(True, "allowed", ALLOWED_DISPOSITIONS[kind], facts,
                        f"{DISPOSITIONS[kind]}：允许（不得分割抵押）", f"{kind}: allowed (never split)")
    return Decision(False, "only_for_rent", ONLY_FOR_RENT, facts,
                    f"保障性租赁住房只租不售，不得{DISPOSITIONS[kind]}", f"Rental only: {kind} is not allowed")
