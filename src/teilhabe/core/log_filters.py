"""Logging filters, loaded by the settings (so no Django imports here).

A URL's query string can carry a search term (a person's name, `?q=...`): no log line keeps
it, in runserver's `django.server`, `django.request` or gunicorn's access log alike.
"""

from __future__ import annotations

import logging
import re

from teilhabe.core.request_context import current_request_id, current_user_id

# A path followed by a query string, up to the next blank or quote ("GET /a/?q=x HTTP/1.1").
QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def strip_query(text: str) -> str:
    return QUERY.sub(r"\1", text)


class StripQueryString(logging.Filter):
    """Render the message once, then drop every query string from it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = strip_query(message), ()
        request = getattr(record, "request", None)  # django.request keeps the request
        if request is not None and hasattr(request, "get_full_path"):
            record.path = request.path  # the path alone, for the JSON line
            # django.request logs after the middleware has left the request's context.
            record.request_id = getattr(request, "request_id", "")
            record.user_id = current_user_id(request)
            delattr(record, "request")  # its repr would name the query string
        return True


class RequestContext(logging.Filter):
    """Each line names its request id and the signed-in user's pk (never a name)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id()
            record.user_id = current_user_id()
        return True
