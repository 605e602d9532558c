"""The same field name for the same thing in every service (docs/integration.md "Field names"), read from the
merged document: a USCC or ID number is `code` / `<role>_code` (beside `<role>_name`); an instant is `at` /
`<event>_at` with `format: date-time`, and only such a field is one; a business date is not a new `*_date`
(`<event>_on`, or its role in a period: `as_of`, `valid_from`, `deadline`, …)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from govkit.testing.documents import merged_document

# the `*_date` names of the 1.0 contract, kept (they travel in events and signed reports); no new ones
DATES_KEPT = frozenset({"decision_date", "due_date", "effective_date", "expiry_date", "final_approval_date",
                        "opening_date", "price_date", "posted_price_date"})
# the one identifier of 1.0 not named `<role>_code`: housing's applicant (a person's resident ID number)
IDENTIFIERS_KEPT = frozenset({"Housing_ApplicationIn.id_number"})
# govkit.ids' types describe themselves so (USCC, resident ID, either)
IDENTIFIER = re.compile(r"^(统一社会信用代码|公民身份号码)")
CODE_NAME = re.compile(r"(^|_)codes?$")


def _alternatives(schema: dict) -> list[dict]:
    alternatives = schema.get("anyOf") or schema.get("oneOf") or [schema]
    return [a for a in alternatives if a.get("type") != "null"]


def _is_instant_name(name: str) -> bool:
    return name == "at" or name.endswith("_at")


def name_violations(doc: dict) -> Iterator[str]:
    for schema_name, schema in sorted(doc["components"]["schemas"].items()):
        for prop, prop_schema in (schema.get("properties") or {}).items():
            where = f"{schema_name}.{prop}"
            alternatives = _alternatives(prop_schema)
            leaves = alternatives + [a["items"] for a in alternatives if isinstance(a.get("items"), dict)]
            formats = {a.get("format") for a in alternatives}
            described = " ".join(a.get("description") or "" for a in [prop_schema, *leaves])
            if "date-time" in formats and not _is_instant_name(prop):
                yield f"{where}: an instant, named `…_at`"
            if _is_instant_name(prop) and "date-time" not in formats:
                yield f"{where}: named as an instant, without format date-time"
            if "date" in formats and prop.endswith("_date") and prop not in DATES_KEPT:
                yield f"{where}: a business date, named `<event>_on` (not a new `*_date`)"
            if (IDENTIFIER.search(described) or "uscc" in prop.lower()) and not CODE_NAME.search(prop) \
                    and where not in IDENTIFIERS_KEPT:
                yield f"{where}: a USCC or ID number, named `code` or `<role>_code`"


@pytest.fixture(scope="module")
def merged(demo_platform) -> dict:
    return merged_document(demo_platform.client)


def test_the_same_thing_has_the_same_name_in_every_service(merged):
    assert list(name_violations(merged)) == []


def test_the_name_check_catches_what_it_is_for():
    doc = {"components": {"schemas": {"Credit_Thing": {"properties": {
        "granted": {"type": "string", "format": "date-time"},
        "checked_at": {"type": "string", "format": "date"},
        "signed_date": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
        "decision_date": {"type": "string", "format": "date"},
        "grantee": {"type": "string", "description": "统一社会信用代码（GB 32100-2015，18位，含校验码）"},
        "enterprise_uscc": {"type": "string"},
        "subject_codes": {"type": "array", "items": {"type": "string", "description": "统一社会信用代码"}},
        "made_on": {"type": "string", "format": "date"},
    }}}}}
    assert [v.split(":")[0] for v in name_violations(doc)] == [
        "Credit_Thing.granted", "Credit_Thing.checked_at", "Credit_Thing.signed_date", "Credit_Thing.grantee",
        "Credit_Thing.enterprise_uscc"]
