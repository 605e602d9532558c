import re
from datetime import date

from anyang_credit.domain import reports
from anyang_credit.domain.reports import canonical_json
from anyang_credit.rules import default_parameters

SECRET = "report-secret"
CHARS = int(default_parameters().at("credit.report.verification_code_chars", date(2023, 6, 1)).value)


def verification_code(report, secret):
    return reports.verification_code(report, secret, CHARS)


def verify(report, code, secret):
    return reports.verify(report, code, secret, CHARS)

REPORT = {"subject": {"code": "91410500MA00000001", "name": "安阳某某有限公司"}, "as_of": date(2023, 6, 1),
          "grade": {"grade": "B", "score": 80.0},
          "records": [{"id": "P1", "category": "administrative_penalty"}]}


def test_canonical_json_sorts_keys_and_keeps_chinese():
    raw = canonical_json({"b": 1, "a": "安阳", "verification_code": "ignored"})
    assert raw == '{"a":"安阳","b":1}'.encode()


def test_code_is_20_base32_characters_in_groups_of_five():
    code = verification_code(REPORT, SECRET)
    assert re.fullmatch(r"[A-Z2-7]{5}(-[A-Z2-7]{5}){3}", code)


def test_code_does_not_depend_on_key_order():
    reordered = dict(reversed(list(REPORT.items())))
    assert verification_code(reordered, SECRET) == verification_code(REPORT, SECRET)


def test_genuine_report_verifies_including_lowercase_and_no_dashes():
    code = verification_code(REPORT, SECRET)
    assert verify(REPORT, code, SECRET)
    assert verify(REPORT, code.replace("-", "").lower(), SECRET)


def test_tampered_report_fails():
    code = verification_code(REPORT, SECRET)
    tampered = {**REPORT, "grade": {"grade": "A", "score": 80.0}}
    assert not verify(tampered, code, SECRET)


def test_tampered_code_or_other_secret_fails():
    code = verification_code(REPORT, SECRET)
    flipped = ("B" if code[0] != "B" else "C") + code[1:]
    assert not verify(REPORT, flipped, SECRET)
    assert not verify(REPORT, code, "another-secret")
    assert not verify(REPORT, code[:-6], SECRET)  # truncated
    assert not verify(REPORT, "", SECRET)


def test_embedded_code_is_not_signed():
    code = verification_code(REPORT, SECRET)
    assert verify({**REPORT, "verification_code": code}, code, SECRET)
