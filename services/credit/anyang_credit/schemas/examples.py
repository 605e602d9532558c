"""Request examples a fresh `make run` accepts, repeatably, from the demo client each operation's description
names (gateway/clients.dev.yaml), and the identifiers of the demo data they use (anyang_credit.demo).

A repeat is answered, not refused: records, imports, catalogue and rule-set versions, joint items, list
entries, objections and repairs sent again with the same content answer what the first call made."""

from __future__ import annotations

from typing import Any

ENT1, ENT2, ENT3 = "91410500MA44GT012H", "91410502MA44QN0296", "91410581MA44LN03XK"  # ent-demo1..3
CORE, BANK = "91410500MA44HX0510", "91410500MA44BC043U"  # core-demo, bank-demo
DEMO_BODY = "11410500MB1234567H"  # 安阳市示范管理局, a government body (机关)
LISTED = "91410500MA44DM0012"  # 安阳示范欠税有限公司, on the 重大税收违法案件当事人名单 (dept-sw)
JUDGMENT_DEBTOR = "91410500MA44JX002M"  # 安阳示范失信被执行有限公司 (the list-entry example)

# demo records and the list entry the examples name (fixed ids: the demo loader creates them so)
DEMO_PENALTY_ID = "6f0c8a4e-2b1d-4c7e-9a35-0d2e8b7c1a01"  # ent-demo2's recent minor penalty (objection example)
DEMO_OLD_PENALTY_ID = "6f0c8a4e-2b1d-4c7e-9a35-0d2e8b7c1a02"  # ent-demo2's, past the minimum period (repair)
DEMO_LIST_ENTRY_ID = "6f0c8a4e-2b1d-4c7e-9a35-0d2e8b7c1a03"  # LISTED on major_tax_violation (dept-sw)


def example(value: dict[str, Any]) -> dict[str, Any]:
    """A model_config that shows `value` as the request body's example."""
    return {"json_schema_extra": {"examples": [value]}}


RECORD = {"subject_code": ENT1, "subject_name": "安阳钢铁示范有限公司", "category": "administrative_license",
          "decision_number": "安市监许〔2026〕118号", "decision_date": "2026-11-20", "title": "食品经营许可（延续）",
          "legal_basis": "《中华人民共和国食品安全法》第三十五条"}
BATCH = {"publish": True, "records": [RECORD]}
CORRECTION = {"reason": "文书标题录入有误，按决定书原文更正", "title": "食品经营许可（延续换证）"}
WITHDRAWAL = {"reason": "决定已被依法撤销"}
CATALOGUE_VERSION = {
    "valid_from": "2027-01-01", "title": "安阳市公共信用信息目录（2027年版）", "note": "新增税务部门纳税信息按月报送",
    "entries": [{"department": "scjg", "category": "administrative_license", "fields": ["title", "legal_basis"]},
                {"department": "scjg", "category": "administrative_penalty",
                 "fields": ["title", "legal_basis", "severity"]},
                {"department": "sw", "category": "tax", "fields": ["title"], "frequency": "monthly"}]}
COMMITMENT = {"type": "voluntary_disclosure", "content": "依法诚信经营，保证所报信息真实准确",
              "liability_on_breach": "违反承诺的，自愿接受失信惩戒并承担相应法律责任"}
FULFILMENT: dict[str, Any] = {}
BREACH = {"reason": "承诺期限届满未补齐材料"}
GOVERNMENT_COMMITMENT = {"body_code": DEMO_BODY, "body_name": "安阳市示范管理局",
                         "content": "兑现2026年度企业研发费用后补助资金", "measures": "2027年第二季度前完成资金拨付",
                         "deadline": "2027-06-30"}
GOVERNMENT_BREAK = {"reason": "逾期未兑现且无正当理由"}
OVERDUE_ACCOUNT = {"debtor_code": DEMO_BODY, "debtor_name": "安阳市示范管理局", "creditor_code": ENT3,
                   "creditor_name": "林州装备示范有限公司", "contract_ref": "安示采〔2026〕12号",
                   "payment_due": "2026-06-30", "undisputed_amount": "120000.00"}
ACCOUNT_CHANGE = {"kind": "paid", "part": "undisputed", "amount": "20000.00"}
AUTHORISATION = {"grantee_code": CORE, "grantee_name": "安阳供应链核心示范有限公司", "scope": "report",
                 "valid_from": "2026-11-01", "valid_until": "2030-12-31", "purpose": "供应链融资授信审查"}
OUTCOME = {"subject_code": ENT1, "loan_granted": True, "amount_fen": 50000000, "loan_kind": "credit",
           "first_loan": True, "decided_on": "2026-11-02", "reference": "中行安阳信易贷〔2026〕0088号"}
GRADE_IMPORT = {"items": [{"subject_code": ENT1, "subject_name": "安阳钢铁示范有限公司", "grade": "A",
                           "source": "provincial", "evaluated_on": "2026-06-30", "reference": "豫信用评〔2026〕3号"}]}
INDUSTRY_GRADES = {"items": [{"subject_code": ENT1, "industry": "劳动保障", "grade": "A",
                              "evaluated_on": "2026-06-30", "reference": "安人社信评〔2026〕5号"}]}
RULE_SET = {"document": {
    "version": "2099.1", "valid_from": "2099-01-01", "reference": "示例：本地兜底评价规则 2099.1 版",
    "baseline": 80, "min_score": 0, "max_score": 100, "default_severity": "general",
    "points": {"administrative_reward": {"points": 5, "zh": "行政奖励加分", "en": "administrative reward"},
               "administrative_penalty": {"zh": "行政处罚扣分", "en": "administrative penalty",
                                          "by_severity": {"minor": -3, "general": -10, "serious": -20}}},
    "decay": {"method": "halving", "period_years": 1, "max_age_years": 3},
    "lists": {"dishonest_judgment_debtor": {"forces_grade": "D"}},
    "thresholds": [{"grade": "A", "min_score": 90}, {"grade": "B", "min_score": 70},
                   {"grade": "C", "min_score": 50}, {"grade": "D", "min_score": 0}]}}
LIST_ENTRY = {"subject_code": JUDGMENT_DEBTOR, "subject_name": "安阳示范失信被执行有限公司",
              "legal_basis": "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
              "decision_number": "（2026）豫0502执1234号", "effective_date": "2026-11-02"}
LIST_REMOVAL = {"reason": "revocation", "note": "原认定决定已依法撤销"}
LIST_IMPORT = {"items": [{
    "list_code": "dishonest_judgment_debtor", "subject_code": JUDGMENT_DEBTOR,
    "subject_name": "安阳示范失信被执行有限公司",
    "authority": "安阳市文峰区人民法院", "legal_basis": "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
    "decision_number": "（2026）豫0502执5678号", "effective_date": "2026-10-15",
    "provenance": {"source": "zxgk", "retrieved_at": "2026-11-01T02:00:00Z", "source_id": "ZXGK-DEMO-5678"}}]}
LIST_CHECK = {"subject_codes": [ENT1, LISTED]}
OBJECTION = {"record_id": DEMO_PENALTY_ID, "reason": "已于决定作出前补报年度报告，处罚事实有误",
             "evidence": "年度报告报送回执（2026年6月20日）"}
OBJECTION_ANSWER = {"outcome": "uphold", "answer": "经核查，年度报告逾期报送事实清楚，维持原记录"}
REPAIR = {"target_kind": "record", "target_id": DEMO_OLD_PENALTY_ID, "reason": "已按期缴纳罚款并完成整改",
          "evidence": ["罚款缴纳凭证", "整改报告"],
          "commitment": {"content": "今后严格按期公示年度报告", "liability_on_breach": "再次违反的，自愿接受从重惩戒"}}
REPAIR_BY_DEPARTMENT = {"target_kind": "list_entry", "target_id": DEMO_LIST_ENTRY_ID,
                        "reason": "欠缴税款及滞纳金、罚款已全部缴清", "evidence": ["完税证明"]}
REPAIR_DECISION = {"to": "accepted", "reason": "材料齐全，予以受理"}
REPORT = {"subject_code": ENT1, "version": "full"}
REPORT_VERIFY = {"report": {"report_id": "00000000-0000-0000-0000-000000000000", "title": "信用报告（示例）",
                            "verification_code": "ABCD-EFGH-JKLM"}}
INSPECTORS = {"inspectors": [{"inspector_id": "scjg-demo-5", "name": "检查员5"}]}
JOINT_ITEM = {"code": "JM-2026-002", "name": "食品生产企业联合检查", "departments": ["scjg", "sthj"]}
DRAW = {"title": "2026年第四季度市场监管双随机抽查", "ratios": {"A": 0.03, "D": 0.2}}
INSPECTION_RESULT = {"entity_code": "91410502MA44QN0296", "outcome": "no_problem", "inspected_on": "2026-11-30"}
