"""Log lines: no query string (a searched name), JSON with request id and user pk, no trace."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from pythonjsonlogger.json import JsonFormatter

from teilhabe.core.log_filters import RequestContext, StripQueryString
from tests.conftest import World

NAME = "Abdullahi"
USER = "cm_a"


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """A handler built like the settings' production console handler."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(settings.LOGGING["formatters"]["json"]["format"]))
    handler.addFilter(StripQueryString())
    handler.addFilter(RequestContext())
    loggers = [logging.getLogger(name) for name in ("django", "django.server")]
    request_logger = logging.getLogger("django.request")
    level = request_logger.level
    request_logger.setLevel(logging.WARNING)  # 404s are logged, to see what they would name
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield stream
    finally:
        request_logger.setLevel(level)
        for logger in loggers:
            logger.removeHandler(handler)


def test_the_console_handler_strips_query_strings_and_adds_the_request_context() -> None:
    console = settings.LOGGING["handlers"]["console"]
    assert {"strip_query", "request_context"} <= set(console["filters"])
    for name in ("django", "django.server"):
        assert settings.LOGGING["loggers"][name]["handlers"] == ["console"]


def test_a_runserver_404_line_loses_its_query_string(json_log: io.StringIO) -> None:
    # The call django.core.servers.basehttp.WSGIRequestHandler.log_message makes for a 404.
    logging.getLogger("django.server").warning(
        '"%s" %s %s', f"GET /b/koeln/personen/?q={NAME} HTTP/1.1", "404", "179"
    )
    line = json.loads(json_log.getvalue().splitlines()[-1])
    assert line["message"] == '"GET /b/koeln/personen/ HTTP/1.1" 404 179'
    assert NAME not in json_log.getvalue()


def test_a_request_log_line_is_json_with_request_id_and_user_pk_and_no_name(
    world: World, client: Client, json_log: io.StringIO
) -> None:
    client.force_login(world.users[USER])
    response = client.get(f"/gibt-es-nicht/?q={NAME}")
    assert response.status_code == 404
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    not_found = next(line for line in lines if line["name"] == "django.request")
    assert not_found["message"] == "Not Found: /gibt-es-nicht/"
    assert not_found["request_id"] == response["X-Request-ID"]
    assert not_found["user_id"] == str(world.users[USER].pk)
    assert NAME not in json_log.getvalue()


def test_the_gunicorn_access_log_names_the_path_without_query_string() -> None:
    from teilhabe.ops import gunicorn_conf

    assert "%(U)s" in gunicorn_conf.access_log_format
    for leaky in ("%(r)s", "%(q)s", "%(f)s", "%(a)s"):
        assert leaky not in gunicorn_conf.access_log_format


def test_an_error_shows_the_500_page_without_a_traceback(
    world: World, client: Client, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from teilhabe.core import views

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(views, "alliances_of", broken)
    client.raise_request_exception = False
    client.force_login(world.users[USER])
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Traceback" not in body and "secret detail" not in body
    assert "RuntimeError" not in body
