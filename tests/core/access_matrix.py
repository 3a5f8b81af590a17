"""Matrix rows for the foundation: core, people, geography, allauth, API, admin."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import (
    ALL,
    ANON_ONLY,
    CASE_MANAGER_A,
    HOME,
    LOGGED_IN_OK,
    MEMBERS_A,
    NO_AUTHENTICATOR,
    PERSON_A,
    PERSON_LIST_A,
    POST_ONLY,
    STATE,
    row,
)

MEMBERS_A_POST_ONLY = {p: 405 if s == 200 else s for p, s in MEMBERS_A.items()}

EXPECTED: dict[str, dict[str, int]] = {
    "core:home": HOME,
    # Every persona alike; 503 here, as no scheduler ticked in the test (tests/ops/test_health.py).
    "healthz": {p: 503 for p in ALL},
    "core:session_extend": POST_ONLY,
    "core:state_home": STATE,
    "core:alliance_home": MEMBERS_A,
    # Worklist actions: POST only (GET: 405 for members of A, 404 from the middleware else).
    "core:worklist_action": MEMBERS_A_POST_ONLY,
    # The log of the organisations one is DPO or coordinator of (privacy.audit.scope).
    "core:audit_log": row(404, anon=302, coord_a=200, dpo_a=200),
    # A background export's page and file: its user's alone (cm_a's job here).
    "core:export_job": CASE_MANAGER_A,
    "core:export_job_file": CASE_MANAGER_A,
    "people:list": PERSON_LIST_A,
    # Saved filters of the caseload list: POST only (members of A get 405 for a GET before
    # any lookup; the middleware answers 404 to everyone else).
    "people:saved_filter_create": MEMBERS_A_POST_ONLY,
    "people:saved_filter_delete": MEMBERS_A_POST_ONLY,
    "people:detail": PERSON_A,
    "municipalities:kreis_list": LOGGED_IN_OK,
    "municipalities:kreis_detail": LOGGED_IN_OK,
    "set_language": row(302),  # GET without next redirects back
    # allauth: entrance pages for anonymous users, account pages for signed-in ones.
    "account_login": ANON_ONLY,
    "account_signup": row(302, anon=200),  # renders "sign-up closed"
    "account_logout": row(200, anon=302),
    "account_reset_password": ALL,
    "account_reset_password_done": ALL,
    "account_reset_password_from_key": ALL,
    "account_reset_password_from_key_done": ALL,
    "account_change_password": LOGGED_IN_OK,
    "account_set_password": row(302, anon=302),
    "account_inactive": ALL,
    "account_email": LOGGED_IN_OK,
    "account_email_verification_sent": ALL,
    "account_confirm_email": ALL,
    "account_reauthenticate": LOGGED_IN_OK,
    "account_confirm_login_code": row(302),
    "mfa_index": LOGGED_IN_OK,
    "mfa_authenticate": row(302),
    "mfa_reauthenticate": row(302, anon=302),
    "mfa_activate_totp": row(302),  # asks for the password again first
    "mfa_enrolment": LOGGED_IN_OK,
    "mfa_enrolment_send": row(405, anon=302),  # POST only
    "mfa_deactivate_totp": NO_AUTHENTICATOR,
    "mfa_view_recovery_codes": NO_AUTHENTICATOR,
    "mfa_generate_recovery_codes": row(302, anon=302),
    "mfa_download_recovery_codes": NO_AUTHENTICATOR,
    "api:api-root": row(404),
    "api:openapi-json": LOGGED_IN_OK,
    "api:openapi-view": LOGGED_IN_OK,
    "api:me": row(200, anon=401),
    "api:person_list": {**PERSON_LIST_A, "anon": 401},
    "api:person_detail": {**PERSON_A, "anon": 401},
    "admin:*": row(302),  # staff only: everyone here is sent to the admin login
}


def _done_export(world: World) -> Any:
    from django.core.files.base import ContentFile

    from teilhabe.core.models import ExportJob

    job = ExportJob.objects.create(
        user=world.users["cm_a"],
        alliance=world.a.alliance,
        list_name="people.person_list",
        title="Personen",
        fmt="csv",
        path="/",
        status=ExportJob.Status.DONE,
    )
    job.file.save("matrix.csv", ContentFile(b"\xef\xbb\xbfa;b\r\n"))
    return job


def url_kwargs(world: World) -> dict[str, Any]:
    return {
        "alliance_slug": world.a.alliance.slug,
        "alliance": world.a.alliance.slug,
        "person_id": world.a.person.pk,
        "saved_filter_id": "00000000-0000-4000-8000-000000000001",
        "work_kind": "schritte",
        "work_item_id": "00000000-0000-4000-8000-000000000002",
        "work_action": "erledigt",
        "job_id": _done_export(world).pk,
        "kreis_key": "05315",
        # allauth's token URLs: any value resolves; the view then rejects it.
        "uidb36": "x",
        "key": "x",
        "uidb64": "x",
        "token": "x",
    }
