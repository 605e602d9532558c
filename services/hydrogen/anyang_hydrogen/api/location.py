"""The Location header of a 201 answer (behind the gateway the service's prefix is the root path)."""

from fastapi import Request, Response


def set_location(request: Request, response: Response, path: str) -> None:
    response.headers["Location"] = f"{request.scope.get('root_path', '')}{path}"
