"""`Location` on a 201 (RFC 9110 §10.2.2): where the created resource can be read."""

from __future__ import annotations

from fastapi import Request, Response


def set_location(request: Request, response: Response, path: str) -> None:
    """`path` is the resource's path in this service (e.g. f"/records/{record.id}"); behind the gateway the
    service's prefix (root_path) is put in front, so the header is a path the caller can GET as it is."""
    response.headers["Location"] = f"{request.scope.get('root_path', '')}{path}"
