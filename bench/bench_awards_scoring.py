"""Score 10,000 synthetic 制造业“10强” applicants (安政办〔2023〕4号 第十条) and print the throughput.

Run: PYTHONPATH=libs/govkit:services/awards python bench/bench_awards_scoring.py [N]
"""

import random
import sys
import time

from anyang_awards.domain.scoring import Applicant, score_round

YI = 100_000_000
WAN = 10_000
BONUS = (
    "listed_company",
    "henan_leading_goose",
    "national_mfg_innovation_center",
    "single_champion",
    "national_little_giant",
    "provincial_specialised_sme",
)


def synthetic(n: int, seed: int = 2023) -> list[Applicant]:
    rnd = random.Random(seed)
    apps = []
    for i in range(n):
        revenue = rnd.randint(5 * YI, 200 * YI)
        figures = {
            "revenue": revenue,
            "value_added": int(revenue * rnd.uniform(0.15, 0.4)),
            "tax": rnd.randint(2000 * WAN, 20 * YI),
            "rd_expense": int(revenue * rnd.uniform(0.005, 0.08)),
            "avg_employees": rnd.randint(200, 20_000),
        }
        for b in BONUS:
            if rnd.random() < 0.15:
                figures[b] = True
        apps.append(Applicant(f"APP{i:06d}", figures))
    return apps


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    apps = synthetic(n)
    t0 = time.perf_counter()
    rs = score_round("top10", apps)
    elapsed = time.perf_counter() - t0
    print(f"scored {n} top10 applicants in {elapsed * 1000:.1f} ms ({n / elapsed:,.0f} applicants/s)")
    print(f"winners: {len(rs.winners)}; tie at cut-off: {bool(rs.tie)}; top total {rs.scores[0].total:.4f}")


if __name__ == "__main__":
    main()
