"""Request id for correlating audit events of one request (no personal values)."""

from __future__ import annotations

from contextvars import ContextVar

_request_id: ContextVar[str] = ContextVar("teilhabe_request_id", default="")


def set_request_id(value: str) -> object:
    return _request_id.set(value)


def reset_request_id(token: object) -> None:
    _request_id.reset(token)  # type: ignore[arg-type]


def current_request_id() -> str:
    return _request_id.get()


# The request itself, for the log lines' user id (pk only): read lazily by the log filter.
_request: ContextVar[object | None] = ContextVar("teilhabe_request", default=None)


def set_request(value: object) -> object:
    return _request.set(value)


def reset_request(token: object) -> None:
    _request.reset(token)  # type: ignore[arg-type]


def current_user_id(request: object | None = None) -> str:
    """The signed-in user's pk if the request already resolved its user, else ''."""
    request = request if request is not None else _request.get()
    user = getattr(request, "__dict__", {}).get("user")
    wrapped = getattr(user, "_wrapped", user)  # SimpleLazyObject: only once evaluated
    if wrapped is None or not getattr(wrapped, "is_authenticated", False):
        return ""
    return str(wrapped.pk)
