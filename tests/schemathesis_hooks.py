"""Schemathesis hooks for tests/test_response_conformance.py (loaded by `st` through SCHEMATHESIS_HOOKS).

- Every request with an Idempotency-Key gets a key of its own, as a client sends one per new request: the
  document's example key reused for another body is rightly refused (422, RFC draft
  httpapi-idempotency-key-header §2.7), which is the key's contract, not the operation's.
- Failures a check reports where the check cannot know better, each excused narrowly and for a stated reason
  (`excused`); nothing else is filtered.
"""

from __future__ import annotations

import re
import uuid

import schemathesis
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.openapi.checks import AllowHeaderMismatch, RejectedPositiveData

from govkit.plausible import DECISION_NUMBER_INCOMPLETE, LEGAL_BASIS_TOO_SHORT

# 422 problem types a schema-valid request may still get, and why the document cannot declare them away
RULE_REFUSALS = {
    "string_unstorable": "NUL and lone surrogates are refused on every database (PostgreSQL cannot store them; "
                         "issue #9 plausible input); JSON Schema has no way to exclude them from every string",
}


# schemathesis's words for a value of another JSON type, in the body or a parameter
LAX_TYPE = re.compile(r"(in body|parameter `\w+` in (path|query)) - .*incorrect type\s*$", re.IGNORECASE)
IDENTIFIERS = ("统一社会信用代码", "公民身份号码")  # govkit.ids: every refusal of an identifier names it
# govkit.plausible's refusals (in Chinese, the default language)
PLAUSIBLE = ("1949-10-01", "晚于今天", "不可见字符", LEGAL_BASIS_TOO_SHORT[0], DECISION_NUMBER_INCOMPLETE[0])


def _beyond_schema(error: dict) -> str | None:
    """Why a field's refusal is one no schema states: an identifier's checks, or govkit.plausible's bounds."""
    message = str(error.get("message"))
    if any(name in message for name in IDENTIFIERS):
        return ("an identifier's check character (GB 32100-2015, GB 11643-1999), registration authority or birth "
                "date: the document declares the form (govkit.ids.ID_FORM), no schema can compute the rest")
    if any(words in message for words in PLAUSIBLE):
        return ("govkit.plausible: a date of a decision or an event from 1949-10-01 to today, a legal basis of at "
                "least 4 letters, a decision number of 2 letters or digits, visible text — bounds JSON Schema "
                "cannot state for dates or count as letters (the fields' descriptions say them)")
    return None


BOUNDS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}


def _sent(case, location) -> object:
    """The value the case sent at a refusal's location (["body", "units", 0, "floor_area_m2"])."""
    if not isinstance(location, list) or location[:1] != ["body"]:
        return None
    value = case.body
    for step in location[1:]:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _string_bound(case, error: dict) -> str | None:
    """A bound of a decimal sent in its string form ('0' where more than 0 is declared)."""
    if error.get("code") in BOUNDS and isinstance(_sent(case, error.get("location")), str):
        return ("a bound of a decimal sent in its string form: JSON Schema bounds only numbers, so the string "
                "form declares its pattern but not its bound")
    return None


def _digits(error: dict) -> str | None:
    if error.get("code") in ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"):
        return "a decimal's count of digits (a column's precision): JSON Schema has no count of digits"
    return None


def _problem(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def excused(failure, case, response) -> str | None:
    """Why this failure is the check's blind spot, or None when it is a real one."""
    if isinstance(failure, AcceptedNegativeData):
        if LAX_TYPE.search(str(failure.message)):
            return ("pydantic's lax mode converts a value of another JSON type when it can: an integer where a "
                    "date is declared (in a body or a path) is a Unix time (0 → 1970-01-01; dates of decisions and "
                    "events then refuse it as before 1949-10-01, govkit.plausible), '7' where an integer is: a "
                    "leniency of the kit's parser, left for strict mode")
        return None
    if isinstance(failure, AllowHeaderMismatch) and not failure.missing_methods:
        paths = case.operation.schema.raw_schema.get("paths", {})
        here = case.operation.path
        siblings = [p for p in paths if p != here and re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", p), here)]
        if all(any(m.lower() in paths[p] for p in siblings) for m in failure.undocumented_methods):
            return (f"{here} is also matched by {', '.join(siblings)} (a parameter taking the literal's value), "
                    "whose methods the router rightly lists in Allow")
        return None
    if not (isinstance(failure, RejectedPositiveData) and response.status_code == 422):
        return None
    problem = _problem(response)
    errors = [e for e in problem.get("errors") or [] if isinstance(e, dict)]
    codes = {e.get("code") for e in errors}
    if codes and codes <= RULE_REFUSALS.keys():
        return RULE_REFUSALS[next(iter(codes))]
    reasons = {_beyond_schema(e) or _string_bound(case, e) or _digits(e) for e in errors}
    if errors and None not in reasons:
        return "; ".join(sorted(reasons))
    if errors and all(e.get("code") in ("less_than_equal", "greater_than_equal") and "922337203685477580" in
                      str(e.get("message")) for e in errors):
        return ("a 64-bit integer bound: beyond 2^53 a JSON number is a double, and the generator's value at the "
                "declared bound rounds past it")
    if errors and all(e.get("location") == ["body"] for e in errors):
        return "a rule across fields (one of two must be given): said in the schema's description"
    if problem.get("type", "").rsplit("/", 1)[-1] != "validation":
        return ("a rule of the bulletin or the data refused a well-formed request (a date after today, a unit or a "
                "region not in the reference data, a state that does not allow it): declared as a 422 problem "
                "with its basis, not as a schema constraint")
    return None


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    if case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = str(uuid.uuid4())


@schemathesis.hook
def filter_failure(ctx, failure, case, response) -> bool:
    return excused(failure, case, response) is None
