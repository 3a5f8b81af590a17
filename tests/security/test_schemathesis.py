"""Schemathesis against the OpenAPI document, per persona: 0 server errors, 0 ignored auth.

The schema comes from the API object itself and the requests go straight into Django's WSGI
application (no network, same database connection as the test).
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import ignored_auth, not_a_server_error

from teilhabe.api.api import api
from teilhabe.core.models import Role
from tests.conftest import World

EXAMPLES = 12  # per operation and persona; CI time is the limit (see docs/performance.md)
SESSION_PERSONAS = ["cm_a", "partner_a", "abh_a", "coord_a", "cm_b", "state"]


def _schema() -> Any:
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
    loaded.app = WSGIHandler()
    return loaded


def _credentials(world: World, login: Any) -> dict[str, dict[str, Any]]:
    from tests.casework.sharing.factories import issue_token

    creds: dict[str, dict[str, Any]] = {}
    for persona in SESSION_PERSONAS:
        cookie = login(persona).cookies["sessionid"].value
        # As a header, so schemathesis' ignored_auth check knows what to strip.
        creds[persona] = {"headers": {"Cookie": f"sessionid={cookie}"}}
    with scopes_disabled():
        for name, org, role in (
            ("token_jobcenter_a", world.a.jobcenter, Role.PARTNER_STAFF),
            ("token_tm_b", world.b.tm_office, Role.CASE_MANAGER),
        ):
            issued = issue_token(org, role)
            creds[name] = {"headers": {"Authorization": f"Bearer {issued.plain}"}}
    return creds


def _fuzz(operation: Any, persona: str, cred: dict, known: dict, failures: list[str]) -> int:
    """Run one operation's generated cases as one persona; returns the number of calls."""
    calls = 0

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        nonlocal calls
        # Every other example uses real ids of the caller's side, so handlers get past the
        # 404 and their deeper paths are exercised too.
        params = case.path_parameters or {}
        if "alliance" in params:
            params["alliance"] = known["alliance"]
        if calls % 2 == 0:
            params.update({k: v for k, v in known.items() if k in params})
        response = case.call(headers=cred["headers"])
        calls += 1
        try:
            case.validate_response(
                response, checks=[not_a_server_error, ignored_auth], headers=cred["headers"]
            )
        except Exception as exc:  # collected: one line per failing operation
            failures.append(f"{persona} {operation.label}: {str(exc).splitlines()[0]}")
            raise

    with contextlib.suppress(Exception, BaseExceptionGroup):  # recorded in failures
        run()
    return calls


@pytest.mark.django_db
def test_the_api_gives_no_server_error_and_ignores_no_auth_for_any_persona(
    world: World, login: Any
) -> None:
    schema = _schema()
    operations = [r.ok() for r in schema.get_all_operations()]
    failures: list[str] = []
    credentials = _credentials(world, login)
    side_a = {
        "alliance": world.a.alliance.slug,
        "person_id": str(world.a.person.pk),
        "consent_id": str(world.consent_a.pk),
    }
    side_b = {"alliance": world.b.alliance.slug, "person_id": str(world.b.person.pk)}
    calls = 0
    for persona, cred in credentials.items():
        known = side_b if persona.endswith("_b") else side_a
        for operation in operations:
            calls += _fuzz(operation, persona, cred, known, failures)
    print(
        f"schemathesis: {len(operations)} operations × {len(credentials)} credentials, "
        f"{calls} requests, {len(failures)} failures"
    )
    assert failures == [], "\n".join(sorted(set(failures))[:40])
