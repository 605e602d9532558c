"""Existing rows migrate: `registered` stations become `planned`, decided filings get their decision day and
late flag, existing penalties are charged to the operator with the station's name (revisions 0002, 0004)."""

import sqlite3

from anyang_hydrogen.app import spec
from govkit.migrations import upgrade


def test_rows_of_the_first_slice_migrate(tmp_path):
    path = tmp_path / "h.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(spec.migrations_dir, url, "0001")
    db = sqlite3.connect(path)
    now = "2023-03-01 00:00:00.000000"
    db.executemany("INSERT INTO stations (id, name, kind, operator_code, operator_name, region, address, "
                   "status, created_at) VALUES (?, ?, 'fixed', '91410502MA44QN0296', '安阳氢能示范有限公司', "
                   "'410502', 'x', ?, ?)",
                   [("s1", "一站", "registered", now), ("s2", "二站", "verified", now)])
    db.execute("INSERT INTO filings (id, station_id, materials, received_on, verification_due, due_provisional, "
               "due_basis, status, verified_on, created_at) VALUES ('f1', 's2', '[]', '2023-03-01', '2023-03-06', 0, "
               "'b', 'verified', '2023-03-08', ?)", (now,))
    db.execute("INSERT INTO penalties (id, station_id, operator_code, operator_name, region, decision_number, "
               "decided_on, department, severity, violated_articles, applied_provision, legal_basis, summary, "
               "amount_fen, created_at) VALUES ('p1', 's2', '91410502MA44QN0296', '安阳氢能示范有限公司', '410502', "
               "'安城管罚1号', '2023-05-10', 'cgj', 'general', '[15]', 'x', 'y', 'z', 100, ?)", (now,))
    db.commit()
    db.close()
    upgrade(spec.migrations_dir, url)
    db = sqlite3.connect(path)
    assert dict(db.execute("SELECT id, status FROM stations").fetchall()) == {"s1": "planned", "s2": "verified"}
    assert db.execute("SELECT channel, decided_on, verified_late FROM filings").fetchone() == (
        "online", "2023-03-08", 1)
    assert db.execute("SELECT party_kind, party_code, party_name, station_name FROM penalties").fetchone() == (
        "operator", "91410502MA44QN0296", "安阳氢能示范有限公司", "二站")
    db.close()
