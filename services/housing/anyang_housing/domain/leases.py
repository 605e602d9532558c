"""Leases: monthly rent from the filed rent, and the residence-permit proof (安政办〔2023〕7号 四（四）).

四（四）: 承租人可凭半年以上住房租赁备案合同，申领居住证. 以上 includes the number; a lease stated with a start
and an end date counts both dates (spec README: Counting periods), so 2023-03-01 to 2023-08-31 is half a year.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from anyang_housing.domain.decision import Decision
from anyang_housing.domain.params import param
from govkit.rules.periods import inclusive_span_at_least, inclusive_span_min_end


def monthly_rent_fen(floor_area_m2: Decimal, rent_fen_per_m2: int) -> int:
    return int((floor_area_m2 * rent_fen_per_m2).quantize(Decimal(1), ROUND_HALF_UP))


def residence_permit_proof(*, start_on: date, end_on: date, filing_number: str | None) -> Decision:
    months = param("lease.residence_permit_min_months", start_on)
    needed = inclusive_span_min_end(start_on, months=int(months.value))
    facts = {"start_on": start_on.isoformat(), "end_on": end_on.isoformat(), "filing_number": filing_number,
             "min_months": months.value, "earliest_qualifying_end": needed.isoformat()}
    if filing_number is None:
        return Decision(False, "lease_not_filed", months.reference, facts,
                        "租赁合同尚未备案，不能作为申领居住证的依据", "The lease is not filed")
    if inclusive_span_at_least(start_on, end_on, months=int(months.value)):
        return Decision(True, "half_year_filed_lease", months.reference, facts,
                        f"备案租赁合同（{filing_number}）期限{start_on.isoformat()}至{end_on.isoformat()}，"
                        "半年以上，承租人可凭此申领居住证并按规定享受基本公共服务",
                        f"Filed lease {filing_number} of at least half a year: qualifies for a residence permit")
    return Decision(False, "lease_shorter_than_half_year", months.reference, facts,
                    f"租赁期限{start_on.isoformat()}至{end_on.isoformat()}不满半年（至少须到{needed.isoformat()}）",
                    f"The lease is shorter than half a year (it would need to end on {needed.isoformat()} or later)")
