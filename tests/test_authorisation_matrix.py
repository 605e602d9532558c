"""The authorisation matrix, generated from the gateway's merged OpenAPI so that no write is forgotten:
every write that requires a token answers 401 without one, and 403 (or 404 for an object it will not
show) to a principal of no role at all, through the gateway on the real platform. A write added later
joins the matrix by itself.

The no-role caller sends the operation's request example. Where an operation documents none (or its
example does not pass its own schema), the body is refused first — 422: FastAPI validates the body
before the route checks the role — which writes nothing either; those are counted apart. A violation
is any other answer: above all a 2xx, a write by a caller of no role.

The third column, another owner's object: objects are created through the gateway by their owners (each
creating operation's request example, sent by the demo caller its description names), and every secured
write on them that an owner makes (an enterprise on its station, a person on their application, a county on
a project of its region, a reporting department on its record) is sent by a principal of the same role and
another organisation: 403 or 404, and the object reads the same to its owner afterwards. On main when this
was written: 120 secured writes × 2 callers, and 36 objects created from examples with 26 owner writes on
them (operations join as their request examples are written)."""

from __future__ import annotations

import time
import uuid
from collections import Counter, defaultdict

import yaml

from govkit.ids import make_resident_id, make_uscc
from govkit.testing import bearer
from govkit.testing.documents import merged_document
from tests.test_contract_document import CLIENTS_FILE, demo_caller, demo_clients, operations, request_example

WRITES = ("post", "put", "patch", "delete")
# a token that verifies but holds no role: kind `public`, no organisation, no scopes
NO_ROLE = bearer("public", "", sub="test-no-role")


def _resolve(doc: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _example_body(doc: dict, op: dict):
    content = (op.get("requestBody") or {}).get("content", {})
    if "application/json" not in content:
        return None
    media = content["application/json"]
    schema = _resolve(doc, media.get("schema", {}))
    examples = media.get("examples") or {}
    if examples:
        return next(iter(examples.values())).get("value", {})
    return (schema.get("examples") or [media.get("example")])[0]


def _url(path: str, op: dict) -> str:
    for p in op.get("parameters", []):
        if p["in"] == "path":
            value = "987654321" if p.get("schema", {}).get("type") == "integer" else str(uuid.uuid4())
            path = path.replace("{" + p["name"] + "}", value)
    return path


def _requires_token(op: dict) -> bool:
    security = op.get("security")
    return bool(security) and {} not in security


def _complete(doc: dict) -> dict | None:
    """The merged document once every service has answered (it leaves out one that is slow to start)."""
    return None if doc.get("x-unavailable-services") else doc


def eventually_sync(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while (found := check()) is None:
        assert time.monotonic() < deadline, "a service never served its OpenAPI document"
        time.sleep(1)
    return found


def secured_writes(doc: dict) -> list[tuple[str, str, dict]]:
    return sorted((method, path, op) for path, item in doc["paths"].items() for method, op in item.items()
                  if method in WRITES and not path.startswith("/auth/") and _requires_token(op))


def test_every_secured_write_refuses_no_token_and_a_principal_of_no_role(platform):
    doc = eventually_sync(lambda: _complete(platform.client.get("/openapi.json").json()))
    writes = secured_writes(doc)
    assert {path.split("/")[1] for _, path, _ in writes} == {"credit", "hydrogen", "awards", "tasks", "housing"}
    violations, answers = [], Counter()
    for method, path, op in writes:
        url, body = _url(path, op), _example_body(doc, op)
        anonymous = platform.client.request(method.upper(), url, json=body)
        if anonymous.status_code != 401:
            violations.append(f"{method.upper()} {path} without a token: {anonymous.status_code}")
        no_role = platform.client.request(method.upper(), url, json=body, headers=NO_ROLE)
        answers[no_role.status_code] += 1
        if no_role.status_code not in (403, 404, 422):
            violations.append(f"{method.upper()} {path} with no role: {no_role.status_code} {no_role.text[:160]}")
    print(f"authorisation matrix: {len(writes)} secured writes x 2 callers = {2 * len(writes)} requests; "
          f"no-role answers {dict(sorted(answers.items()))}")
    assert not violations, "\n".join(violations)


# ------------------------------------------------------------------ another owner's object

OTHER_PERSON = make_resident_id("41052219900101002")
OTHER_ENTERPRISE = make_uscc("91410500MA44XY901")


def _clients() -> dict[str, dict]:
    return {c["client_id"]: c["principal"] for c in yaml.safe_load(CLIENTS_FILE.read_text())["clients"]}


def _shared_scopes(clients: dict[str, dict]) -> set[str]:
    """Scopes that demo organisations of one kind hold in common: roles. A scope one organisation alone
    holds is its office (housing.admin is 住建局's, tasks.supervisor 督查局's): no other organisation has it."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in clients.values():
        for scope in p.get("scopes") or []:
            holders[(p["kind"], scope)].add(p["org"])
    return {scope for (_, scope), orgs in holders.items() if len(orgs) > 1}


def _owner_bound(caller: dict, creator: str, caller_id: str, clients: dict[str, dict]) -> bool:
    """Whether the caller writes as the owner of the object: what it created itself (an enterprise's station, a
    person's application; a department's only in a role other departments hold too, credit.report), or a county
    for its region. Anyone's write on an object others own by role (applying in the office's round, an
    inspection) is no owner's write."""
    if caller["kind"] == "department" and caller["org"].isdigit():
        return True
    return caller_id == creator and (caller["kind"] != "department" or bool(
        set(caller.get("scopes") or []) & _shared_scopes(clients) - {"audit.read"}))


def _another_owner(principal: dict, clients: dict[str, dict], region: str | None) -> dict[str, str]:
    """The owner's role, another organisation: for a department another demo department with the scopes both
    could hold, for a county the county of another region than the object's; an enterprise or a person of no
    demo client."""
    kind, scopes = principal["kind"], sorted(set(principal.get("scopes") or []) & _shared_scopes(clients))
    if kind == "person":
        org = OTHER_PERSON
    elif kind in ("enterprise", "financial_institution"):
        org = OTHER_ENTERPRISE
    elif principal["org"].isdigit():  # a county's office: its org is its region code
        org = region = next(p["org"] for p in clients.values() if p["kind"] == kind and p["org"].isdigit()
                            and p["org"] not in ("410500", region))
    else:
        org = next(p["org"] for p in clients.values() if p["kind"] == kind and p["org"] != principal["org"]
                   and not p["org"].isdigit())
    return bearer(kind, org, scopes=scopes, region=region or str(principal.get("region", "410500")),
                  sub=f"test-other-{kind}")


def _collection_ids(path: str) -> list[tuple[str, str]]:
    """Each path parameter with the collection it names an object of: /a/rounds/{round_id}/x →
    [("round_id", "/a/rounds")]."""
    parts = path.split("/")
    return [(p[1:-1], "/".join(parts[:i])) for i, p in enumerate(parts) if p.startswith("{")]


def _id_name(collection: str) -> str:
    """The parameter naming an object of a collection elsewhere: …/offers → offer_id."""
    return collection.rsplit("/", 1)[-1].replace("-", "_").removesuffix("s") + "_id"


def _object(name: str, collection: str, created: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The object a parameter names: one created in its collection, or by name in the same service (an offer
    made under a project and answered at /offers/{offer_id})."""
    service = collection.split("/")[1]
    return created.get(collection) or next((v for k, v in created.items()
                                            if k.split("/")[1] == service and _id_name(k) == name), None)


def _filled(path: str, created: dict[str, tuple[str, str]]) -> str | None:
    for name, collection in _collection_ids(path):
        found = _object(name, collection, created)
        if found is None:
            return None
        path = path.replace("{" + name + "}", found[0])
    return path


def _create_objects(doc: dict, client, auth) -> dict[str, tuple[str, str]]:
    """Objects created by their owners: every POST on a collection (its path ends in a name, not a parameter)
    sent with its request example by the demo caller its description names; collection → (id, owner).
    Creations inside another object (/rounds/{round_id}/applications) come after that object's."""
    clients = demo_clients()
    created: dict[str, tuple[str, str]] = {}
    creations = sorted(((path, op) for method, path, op in operations(doc)
                        if method == "post" and not path.endswith("}") and "201" in op.get("responses", {})
                        and _requires_token(op)),
                       key=lambda p: p[0].count("{"))
    for path, op in creations:
        example, caller, url = request_example(doc, op), demo_caller(op, clients), _filled(path, created)
        if example is None or caller is None or url is None:
            continue
        r = client.post(url, json=example, headers=auth(caller))
        if r.status_code in (200, 201) and isinstance(r.json(), dict) and isinstance(r.json().get("id"), str):
            created[path] = (r.json()["id"], caller)
    return created


def owner_writes(doc: dict, created: dict[str, tuple[str, str]]) -> list[tuple[str, str, str, dict, str]]:
    """(method, template, url, op, caller) of every secured write on a created object by its owner: the
    operation's demo caller (or, where it names none, the object's creator) when it writes as an owner
    (`_owner_bound`). A write by a role on anyone's object is no owner's write: the role columns cover it."""
    clients, principals = demo_clients(), _clients()
    found = []
    for method, path, op in secured_writes(doc):
        ids = _collection_ids(path)
        url = _filled(path, created) if ids else None
        if url is None:
            continue
        creator = _object(*ids[-1], created)[1]
        caller = demo_caller(op, clients) or creator
        if _owner_bound(principals[caller], creator, caller, principals):
            found.append((method, path, url, op, caller))
    return found


def another_owner_column(doc: dict, client, auth) -> tuple[dict, list, list[str], Counter]:
    """Create the objects, then send every owner write on them as another owner; the violations."""
    clients = _clients()
    created = _create_objects(doc, client, auth)
    writes = owner_writes(doc, created)
    violations, answers = [], Counter()
    for method, path, url, op, owner in writes:
        obj = "/".join(url.split("/")[:path.split("/").index("{" + _collection_ids(path)[-1][0] + "}") + 1])
        before = client.get(obj, headers=auth(owner))
        region = before.json().get("region") if before.status_code == 200 else None
        r = client.request(method.upper(), url, json=_example_body(doc, op),
                           headers=_another_owner(clients[owner], clients, region))
        after = client.get(obj, headers=auth(owner))
        answers[r.status_code] += 1
        if r.status_code not in (403, 404):
            violations.append(f"{method.upper()} {path} by another {clients[owner]['kind']}: "
                              f"{r.status_code} {r.text[:160]}")
        elif before.status_code == 200 and after.json() != before.json():
            violations.append(f"{method.upper()} {path} by another {clients[owner]['kind']} changed {obj}")
    return created, writes, violations, answers


def test_a_write_on_another_owners_object_is_refused_and_changes_nothing(databases, nats_url, tmp_path_factory):
    """Objects created through the gateway by their owners (the request examples, from their demo callers),
    then every write on them sent by a principal of the same role and another organisation: 403 or 404, and
    the object reads the same to its owner afterwards. On a demo platform of its own."""
    from govkit.testing.platform import run_platform

    with run_platform(databases, nats_url, tmp_path_factory.mktemp("owners"), demo_data=True) as running:
        created, writes, violations, answers = another_owner_column(merged_document(running.client),
                                                                    running.client, running.auth)
    print(f"authorisation matrix, another owner's object: {len(created)} objects created by their owners "
          f"({', '.join(sorted(created))}); {len(writes)} owner writes tried by another owner of the same role; "
          f"answers {dict(sorted(answers.items()))}")
    assert writes, "no object could be created from the request examples"
    assert not violations, "\n".join(violations)
