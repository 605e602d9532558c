"""Links in responses: behind the gateway the service's root path (X-Forwarded-Prefix) leads them."""

from fastapi import Request


def location(request: Request, path: str) -> str:
    return f"{request.scope.get('root_path', '').rstrip('/')}{path}"
