"""Stable English codes with their Chinese labels (README: Language; 安政〔2023〕2号 = CP)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from govkit.i18n import t

CP = "安政〔2023〕2号"
BE = "安政办〔2023〕1号"
AWARDS = "安政办〔2023〕4号"
# the credit lead department (市发展改革委, 社会信用体系建设牵头单位, CP 四): the one place its code is written
CREDIT_LEAD = "fgw"


@dataclass(frozen=True)
class Label:
    zh: str
    en: str

    @property
    def text(self) -> str:
        return t(self.zh, self.en)


class RecordCategory(StrEnum):
    # 十公示 (CP 二（一）1): the original 双公示 ...
    ADMINISTRATIVE_LICENSE = "administrative_license"
    ADMINISTRATIVE_PENALTY = "administrative_penalty"
    # ... and the eight added categories (八类信息7个工作日内…公开)
    ADMINISTRATIVE_ENFORCEMENT = "administrative_enforcement"
    ADMINISTRATIVE_CONFIRMATION = "administrative_confirmation"
    ADMINISTRATIVE_LEVY = "administrative_levy"
    ADMINISTRATIVE_PAYMENT = "administrative_payment"
    ADMINISTRATIVE_RULING = "administrative_ruling"
    ADMINISTRATIVE_COMPENSATION = "administrative_compensation"
    ADMINISTRATIVE_REWARD = "administrative_reward"
    ADMINISTRATIVE_INSPECTION = "administrative_inspection"
    # other record kinds (CP 三（四）, 二（一）2, 二（五）)
    COMMITMENT = "commitment"
    COMMITMENT_FULFILLED = "commitment_fulfilled"
    COMMITMENT_BREACHED = "commitment_breached"
    LIST_ENTRY = "list_entry"
    JUDICIAL = "judicial"
    TAX = "tax"
    GOVERNMENT_DISHONESTY = "government_dishonesty"
    DISHONESTY = "dishonesty"


DOUBLE_PUBLICATION = frozenset({RecordCategory.ADMINISTRATIVE_LICENSE, RecordCategory.ADMINISTRATIVE_PENALTY})
EIGHT_ADDED = frozenset({
    RecordCategory.ADMINISTRATIVE_ENFORCEMENT, RecordCategory.ADMINISTRATIVE_CONFIRMATION,
    RecordCategory.ADMINISTRATIVE_LEVY, RecordCategory.ADMINISTRATIVE_PAYMENT,
    RecordCategory.ADMINISTRATIVE_RULING, RecordCategory.ADMINISTRATIVE_COMPENSATION,
    RecordCategory.ADMINISTRATIVE_REWARD, RecordCategory.ADMINISTRATIVE_INSPECTION,
})
TEN_PUBLICATIONS = DOUBLE_PUBLICATION | EIGHT_ADDED

_CATEGORY_LABELS = {
    RecordCategory.ADMINISTRATIVE_LICENSE: ("行政许可", "Administrative license"),
    RecordCategory.ADMINISTRATIVE_PENALTY: ("行政处罚", "Administrative penalty"),
    RecordCategory.ADMINISTRATIVE_ENFORCEMENT: ("行政强制", "Administrative enforcement"),
    RecordCategory.ADMINISTRATIVE_CONFIRMATION: ("行政确认", "Administrative confirmation"),
    RecordCategory.ADMINISTRATIVE_LEVY: ("行政征收", "Administrative levy"),
    RecordCategory.ADMINISTRATIVE_PAYMENT: ("行政给付", "Administrative payment"),
    RecordCategory.ADMINISTRATIVE_RULING: ("行政裁决", "Administrative ruling"),
    RecordCategory.ADMINISTRATIVE_COMPENSATION: ("行政补偿", "Administrative compensation"),
    RecordCategory.ADMINISTRATIVE_REWARD: ("行政奖励", "Administrative reward"),
    RecordCategory.ADMINISTRATIVE_INSPECTION: ("行政监督检查", "Administrative inspection"),
    RecordCategory.COMMITMENT: ("信用承诺", "Credit commitment"),
    RecordCategory.COMMITMENT_FULFILLED: ("信用承诺履约", "Commitment fulfilled"),
    RecordCategory.COMMITMENT_BREACHED: ("信用承诺违约", "Commitment breached"),
    RecordCategory.LIST_ENTRY: ("失信名单列入", "List entry"),
    RecordCategory.JUDICIAL: ("司法信息", "Judicial information"),
    RecordCategory.TAX: ("纳税信息", "Tax information"),
    RecordCategory.GOVERNMENT_DISHONESTY: ("政务失信", "Government dishonesty"),
    RecordCategory.DISHONESTY: ("失信行为（如骗取保障性住房）", "Dishonest conduct (e.g. housing fraud)"),
}


class SubjectKind(StrEnum):
    # CP 二（十）4; government bodies: 政务诚信, CP 二（一）2
    ENTERPRISE = "enterprise"
    INDIVIDUAL_BUSINESS = "individual_business"
    SOCIAL_ORGANISATION = "social_organisation"
    PUBLIC_INSTITUTION = "public_institution"
    GOVERNMENT_BODY = "government_body"
    NATURAL_PERSON = "natural_person"


_SUBJECT_LABELS = {
    SubjectKind.ENTERPRISE: ("企业", "Enterprise"),
    SubjectKind.INDIVIDUAL_BUSINESS: ("个体工商户", "Individual business"),
    SubjectKind.SOCIAL_ORGANISATION: ("社会组织", "Social organisation"),
    SubjectKind.PUBLIC_INSTITUTION: ("事业单位", "Public institution"),
    SubjectKind.GOVERNMENT_BODY: ("机关", "Government body"),
    SubjectKind.NATURAL_PERSON: ("自然人", "Natural person"),
}


class CommitmentType(StrEnum):
    # CP 三（四）: 主动公示型、容缺受理型、证明事项型、审批替代型、行业自律型、信用修复型
    VOLUNTARY_DISCLOSURE = "voluntary_disclosure"
    MISSING_DOCUMENTS = "missing_documents"
    IN_LIEU_OF_CERTIFICATE = "in_lieu_of_certificate"
    IN_LIEU_OF_APPROVAL = "in_lieu_of_approval"
    INDUSTRY_SELF_DISCIPLINE = "industry_self_discipline"
    CREDIT_REPAIR = "credit_repair"


_COMMITMENT_TYPE_LABELS = {
    CommitmentType.VOLUNTARY_DISCLOSURE: ("主动公示型", "Voluntarily published"),
    CommitmentType.MISSING_DOCUMENTS: ("容缺受理型", "Accepted with missing documents"),
    CommitmentType.IN_LIEU_OF_CERTIFICATE: ("证明事项型", "In lieu of a certificate"),
    CommitmentType.IN_LIEU_OF_APPROVAL: ("审批替代型", "In lieu of an approval"),
    CommitmentType.INDUSTRY_SELF_DISCIPLINE: ("行业自律型", "Industry self-discipline"),
    CommitmentType.CREDIT_REPAIR: ("信用修复型", "Made when applying for repair"),
}


class CommitmentStatus(StrEnum):
    IN_FORCE = "in_force"
    FULFILLED = "fulfilled"
    BREACHED = "breached"


_COMMITMENT_STATUS_LABELS = {
    CommitmentStatus.IN_FORCE: ("履约中", "In force"),
    CommitmentStatus.FULFILLED: ("已履约", "Fulfilled"),
    CommitmentStatus.BREACHED: ("已违约", "Breached"),
}


class ListCode(StrEnum):
    DISHONEST_JUDGMENT_DEBTOR = "dishonest_judgment_debtor"
    MAJOR_TAX_VIOLATION = "major_tax_violation"
    SERIOUS_ILLEGAL_DISHONEST = "serious_illegal_dishonest"
    WAGE_ARREARS = "wage_arrears"


@dataclass(frozen=True)
class ListDefinition:
    """A joint-punishment list, its sole managing authority (CP 四（四）) and whether entries expire."""

    code: ListCode
    zh: str
    en: str
    authority: str  # department code; only it adds to / removes from the list
    has_expiry: bool  # True: every entry carries an expiry date (fixed listing term)
    basis: str
    expiry_basis: str


LISTS: dict[ListCode, ListDefinition] = {d.code: d for d in (
    ListDefinition(
        ListCode.DISHONEST_JUDGMENT_DEBTOR, "失信被执行人", "Dishonest judgment debtors", "zy", False,
        f"{AWARDS} 第二条",
        "Interpretation: 最高人民法院关于公布失信被执行人名单信息的若干规定 — removed by the court on "
        "performance; a term is fixed only in some cases, so an expiry date is optional"),
    ListDefinition(
        ListCode.MAJOR_TAX_VIOLATION, "重大税收违法案件当事人名单", "Major tax violation cases", "sw", True,
        f"{AWARDS} 第二条",
        "Interpretation: 重大税收违法失信主体信息公布管理办法 — publication for a fixed term"),
    ListDefinition(
        ListCode.SERIOUS_ILLEGAL_DISHONEST, "严重违法失信企业名单",
        "Seriously illegal and dishonest enterprises", "scjg", True, f"{AWARDS} 第二条",
        "Interpretation: 市场监督管理严重违法失信名单管理办法 — listing for a fixed term"),
    ListDefinition(
        ListCode.WAGE_ARREARS, "拖欠农民工工资失信联合惩戒对象名单",
        "Joint punishment list for wage arrears to migrant workers", "rsj", True, f"{CP} 二（五）2",
        "Interpretation: 拖欠农民工工资失信联合惩戒对象名单管理暂行办法 — listing for a fixed term"),
)}


class RemovalReason(StrEnum):
    REPAIR = "repair"
    EXPIRY = "expiry"
    REVOCATION = "revocation"
    COURT_DECISION = "court_decision"


_REMOVAL_LABELS = {
    RemovalReason.REPAIR: ("信用修复", "Credit repair"),
    RemovalReason.EXPIRY: ("期满移出", "Expiry"),
    RemovalReason.REVOCATION: ("撤销", "Revocation"),
    RemovalReason.COURT_DECISION: ("法院裁判", "Court decision"),
}


class PenaltySeverity(StrEnum):
    MINOR = "minor"
    GENERAL = "general"
    SERIOUS = "serious"


_SEVERITY_LABELS = {
    PenaltySeverity.MINOR: ("轻微", "Minor"),
    PenaltySeverity.GENERAL: ("一般", "General"),
    PenaltySeverity.SERIOUS: ("严重", "Serious"),
}


class Grade(StrEnum):
    # spec: A (诚信), B (守信/一般), C (关注/较差), D (失信)
    A = "A"
    B = "B"
    C = "C"
    D = "D"


_GRADE_LABELS = {
    Grade.A: ("诚信", "Trustworthy"),
    Grade.B: ("守信", "Compliant"),
    Grade.C: ("关注", "Under watch"),
    Grade.D: ("失信", "Dishonest"),
}


class RepairStatus(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    REJECTED = "rejected"


_REPAIR_STATUS_LABELS = {
    RepairStatus.SUBMITTED: ("已提交", "Submitted"),
    RepairStatus.ACCEPTED: ("已受理", "Accepted"),
    RepairStatus.APPROVED: ("已修复", "Approved"),
    RepairStatus.REJECTED: ("不予修复", "Rejected"),
}


class RecordStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"  # withdrawn by the reporting department (history kept)
    REPAIRED = "repaired"  # publication ended by credit repair


_RECORD_STATUS_LABELS = {
    RecordStatus.ACTIVE: ("有效", "Active"),
    RecordStatus.WITHDRAWN: ("已撤回", "Withdrawn"),
    RecordStatus.REPAIRED: ("已修复", "Repaired"),
}


class NationalSource(StrEnum):
    # the national systems named in 安政办〔2023〕4号 第二条 (spec: National lists and records)
    CREDIT_CHINA = "credit_china"
    GSXT = "gsxt"
    ZXGK = "zxgk"


_NATIONAL_SOURCE_LABELS = {
    NationalSource.CREDIT_CHINA: ("信用中国", "Credit China"),
    NationalSource.GSXT: ("国家企业信用信息公示系统", "National Enterprise Credit Information Publicity System"),
    NationalSource.ZXGK: ("中国执行信息公开网", "China Enforcement Information Disclosure"),
}


class CatalogueFrequency(StrEnum):
    # CP 三（三）: how often a department reports a catalogue item
    REALTIME = "realtime"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


_FREQUENCY_LABELS = {
    CatalogueFrequency.REALTIME: ("实时（作出决定后7个工作日内）", "Real time (within 7 working days)"),
    CatalogueFrequency.DAILY: ("每日", "Daily"),
    CatalogueFrequency.WEEKLY: ("每周", "Weekly"),
    CatalogueFrequency.MONTHLY: ("每月", "Monthly"),
    CatalogueFrequency.QUARTERLY: ("每季度", "Quarterly"),
    CatalogueFrequency.YEARLY: ("每年", "Yearly"),
}


class ObjectionStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ObjectionOutcome(StrEnum):
    UPHOLD = "uphold"  # the record stands
    CORRECT = "correct"  # corrected through the correction path (history kept)
    WITHDRAW = "withdraw"  # withdrawn (history kept)


_OBJECTION_LABELS = {
    ObjectionStatus.OPEN: ("异议处理中", "Open"),
    ObjectionStatus.CLOSED: ("异议已办结", "Closed"),
    ObjectionOutcome.UPHOLD: ("维持", "Upheld"),
    ObjectionOutcome.CORRECT: ("更正", "Corrected"),
    ObjectionOutcome.WITHDRAW: ("撤回", "Withdrawn"),
}


class GovernmentCommitmentStatus(StrEnum):
    LISTED = "listed"  # 未履行到位, on the list (BE（二十二）)
    HONOURED = "honoured"
    BROKEN = "broken"  # a government-dishonesty record was made


_GOVERNMENT_COMMITMENT_LABELS = {
    GovernmentCommitmentStatus.LISTED: ("未履行到位", "Not yet honoured"),
    GovernmentCommitmentStatus.HONOURED: ("已履行", "Honoured"),
    GovernmentCommitmentStatus.BROKEN: ("失信（已记入政务失信记录）", "Broken (government dishonesty recorded)"),
}

class AuthorisationScope(StrEnum):
    # 信易贷 (CP 二（二）1): what a subject lets an institution read
    FULL_FILE = "full_file"
    REPORT = "report"


class AuthorisationStatus(StrEnum):
    VALID = "valid"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    REVOKED = "revoked"


class LoanKind(StrEnum):
    CREDIT = "credit"  # 信用贷款 (CP 二（二）1: 提升信用贷款占比)
    SECURED = "secured"


class QueryOutcome(StrEnum):
    ALLOWED = "allowed"
    REFUSED = "refused"


class ImportResult(StrEnum):
    """One item of an import (grades, list entries)."""

    CREATED = "created"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    REFUSED = "refused"


class BatchItemStatus(StrEnum):
    """One record of a batch report."""

    CREATED = "created"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    INVALID = "invalid"


class ReportVersion(StrEnum):
    PUBLIC = "public"
    FULL = "full"


class ContentCheck(StrEnum):
    GENUINE_UNALTERED = "genuine_unaltered"
    ALTERED_OR_NOT_ISSUED = "altered_or_not_issued"
    NOT_ISSUED_HERE = "not_issued_here"  # no report was issued here under the code


class OverdueReason(StrEnum):
    # 7 working days from the decision (CP 二（一）1; domain.publication.overdue_status)
    OVERDUE_REPORTED_LATE = "overdue_reported_late"
    OVERDUE_PUBLISHED_LATE = "overdue_published_late"
    OVERDUE_UNPUBLISHED = "overdue_unpublished"


class RuleSetOrigin(StrEnum):
    PACKAGED = "packaged"
    UPLOADED = "uploaded"


class RepairTarget(StrEnum):
    RECORD = "record"
    LIST_ENTRY = "list_entry"


class RepairInitiator(StrEnum):
    SUBJECT = "subject"
    DEPARTMENT = "department"


# codes shared by several of the vocabularies above (one label each)
_WORKFLOW_LABELS = {
    AuthorisationScope.FULL_FILE: ("完整信用档案", "Full credit file"),
    AuthorisationScope.REPORT: ("信用报告", "Credit report"),
    AuthorisationStatus.VALID: ("有效", "Valid"),
    AuthorisationStatus.NOT_YET_VALID: ("尚未生效", "Not yet valid"),
    AuthorisationStatus.EXPIRED: ("已过期", "Expired"),
    AuthorisationStatus.REVOKED: ("已撤销", "Revoked"),
    LoanKind.CREDIT: ("信用贷款", "Credit loan"),
    LoanKind.SECURED: ("担保贷款", "Secured loan"),
    QueryOutcome.ALLOWED: ("已准许", "Allowed"),
    "refused": ("已拒绝", "Refused"),
    "created": ("已新增", "Created"),
    "unchanged": ("无变化（重复提交）", "Unchanged (repeated)"),
    "conflict": ("冲突（同一编号内容不同）", "Conflict (same reference, other content)"),
    BatchItemStatus.INVALID: ("无效", "Invalid"),
    ReportVersion.PUBLIC: ("公开版", "Public version"),
    ReportVersion.FULL: ("完整版", "Full version"),
    ContentCheck.GENUINE_UNALTERED: ("真实且未被篡改", "Genuine and unaltered"),
    ContentCheck.ALTERED_OR_NOT_ISSUED: ("已被篡改或非本平台出具", "Altered or not issued here"),
    ContentCheck.NOT_ISSUED_HERE: ("本平台未以该验证码出具报告", "No report was issued here under the code"),
    OverdueReason.OVERDUE_REPORTED_LATE: ("报送晚于公开期限", "Reported after the publication deadline"),
    OverdueReason.OVERDUE_PUBLISHED_LATE: ("公开晚于公开期限", "Published after the deadline"),
    OverdueReason.OVERDUE_UNPUBLISHED: ("逾期未公开", "Deadline passed, not published"),
    RuleSetOrigin.PACKAGED: ("随系统发布", "Packaged with the platform"),
    RuleSetOrigin.UPLOADED: ("上传", "Uploaded"),
    RepairTarget.RECORD: ("信用记录", "Credit record"),
    RepairInitiator.SUBJECT: ("信用主体申请", "Applied for by the subject"),
    # also a caller's kind (govkit PrincipalKind)
    RepairInitiator.DEPARTMENT: ("政府部门", "Government department"),
    "person": ("自然人", "Person"),
    "financial_institution": ("金融机构", "Financial institution"),
    "public": ("公众", "Public"),
}

class InspectionOutcome(StrEnum):
    # the result of a drawn inspection as published (双随机、一公开), in the wording of market regulation's
    # 抽查检查结果 (Interpretation)
    NO_PROBLEM = "no_problem"
    PROBLEM_CORRECTED = "problem_corrected"
    PROBLEM_PENDING = "problem_pending"
    NOT_AT_ADDRESS = "not_at_address"
    ACTIVITY_NOT_FOUND = "activity_not_found"
    REFUSED_INSPECTION = "refused_inspection"


_INSPECTION_OUTCOME_LABELS = {
    InspectionOutcome.NO_PROBLEM: ("未发现问题", "No problem found"),
    InspectionOutcome.PROBLEM_CORRECTED: ("发现问题已责令改正", "Problem found, correction ordered"),
    InspectionOutcome.PROBLEM_PENDING: ("发现问题待后续处理", "Problem found, to be dealt with"),
    InspectionOutcome.NOT_AT_ADDRESS: ("通过登记的住所（经营场所）无法联系", "Not reachable at the registered address"),
    InspectionOutcome.ACTIVITY_NOT_FOUND: ("未发现开展本次抽查涉及的经营活动", "The inspected activity was not found"),
    InspectionOutcome.REFUSED_INSPECTION: ("不配合检查情节严重", "Seriously obstructed the inspection"),
}


_ACCOUNT_LABELS = {
    "undisputed": ("无分歧欠款", "Undisputed"),
    "disputed": ("有争议欠款", "Disputed"),
    "recorded": ("登记逾期欠款", "Overdue amount recorded"),
    "paid": ("已支付", "Paid"),
    "reclassified_to_disputed": ("由无分歧改为有争议", "Moved from undisputed to disputed"),
    "dispute_resolved_owed": ("争议解决：应付", "Dispute resolved: owed"),
    "dispute_resolved_not_owed": ("争议解决：不应付", "Dispute resolved: not owed"),
}


def _build_labels() -> dict[str, Label]:
    out: dict[str, Label] = {}
    tables = [_CATEGORY_LABELS, _SUBJECT_LABELS, _COMMITMENT_TYPE_LABELS, _COMMITMENT_STATUS_LABELS,
              _REMOVAL_LABELS, _SEVERITY_LABELS, _GRADE_LABELS, _REPAIR_STATUS_LABELS,
              {d.code: (d.zh, d.en) for d in LISTS.values()}, _RECORD_STATUS_LABELS, _NATIONAL_SOURCE_LABELS,
              _FREQUENCY_LABELS, _OBJECTION_LABELS, _GOVERNMENT_COMMITMENT_LABELS, _ACCOUNT_LABELS,
              _INSPECTION_OUTCOME_LABELS,
              _WORKFLOW_LABELS]
    for table in tables:
        for code, (zh, en) in table.items():
            if str(code) in out:
                raise RuntimeError(f"duplicate vocabulary code {code!r}")
            out[str(code)] = Label(zh, en)
    return out


_LABELS = _build_labels()


def label(code: str) -> Label:
    """Chinese and English label of any vocabulary code; KeyError for an unknown code."""
    return _LABELS[str(code)]


def all_codes() -> frozenset[str]:
    return frozenset(_LABELS)
