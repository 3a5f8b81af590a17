"""Matrix rows of the sharing area: consents, referrals, API tokens (pages and API).

Objects (alliance A): the world's consent of person A for Jobcenter A, a referral of person
A's case to Jobcenter A under it, and an API token of Jobcenter A.
"""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from teilhabe.core.models import Role
from tests.casework.sharing.factories import ReferralFactory, issue_token
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, PERSON_A, PERSON_LIST_A, row

# GET on a POST-only action: 405 for whoever passes the access check, 404 for the rest.
OWNER_POST = row(404, anon=302, cm_a=405)
RECEIVER_POST = row(404, anon=302, partner_a=405)
COORD_POST = row(404, anon=302, coord_a=405)


def api(page_row: dict[str, int]) -> dict[str, int]:
    return {**page_row, "anon": 401}


TOKEN_HOLDERS_A = row(404, anon=302, coord_a=200, cm_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)


EXPECTED: dict[str, dict[str, int]] = {
    "people:sharing:consent_create": CASE_MANAGER_A,
    "people:sharing:consent_form_pdf": OWNER_POST,
    "people:sharing:consent_detail": CASE_MANAGER_A,
    "people:sharing:consent_withdraw": CASE_MANAGER_A,
    "people:sharing:consent_pdf": CASE_MANAGER_A,
    # The world's consent has no signed form uploaded: 404 even for its owner (tested
    # with an upload in tests/casework/sharing/test_evidence_and_pdf.py).
    "people:sharing:consent_evidence": row(404, anon=302),
    "people:sharing:consent_evidence_upload": CASE_MANAGER_A,
    "people:sharing:referral_create": CASE_MANAGER_A,
    "people:sharing:referral_inbox": PERSON_LIST_A,
    "people:sharing:referral_detail": PERSON_A,
    "people:sharing:referral_answer": RECEIVER_POST,
    "people:sharing:referral_withdraw": OWNER_POST,
    # Coordinators oversee all tokens; holders of a token role issue for their organisation.
    "tokens:list": TOKEN_HOLDERS_A,
    "tokens:create": {**TOKEN_HOLDERS_A, "coord_a": 404},
    # The token is Jobcenter A's: its coordinator and its partner staff may revoke (POST).
    "tokens:revoke": row(404, anon=302, coord_a=405, partner_a=405),
    "api:case_list": api(PERSON_A),
    "api:contact_list": api(PERSON_A),
    "api:consent_list": api(CASE_MANAGER_A),
    "api:consent_create": api(CASE_MANAGER_A),  # same path as the list: GET lists
    "api:consent_detail": api(CASE_MANAGER_A),
    "api:consent_withdraw": row(405),  # ninja answers the method before authenticating
    "api:person_referral_list": api(PERSON_A),
    "api:referral_create": api(PERSON_A),  # same path as the person's referral list
    "api:referral_list": api(PERSON_LIST_A),
    "api:referral_detail": api(PERSON_A),
    "api:referral_answer": row(405),
}


TOKEN_HOLDERS_A = row(404, anon=302, coord_a=200, cm_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)


def url_kwargs(world: World) -> dict[str, Any]:
    with scopes_disabled():
        referral = ReferralFactory(
            case=world.a.case, to_organisation=world.a.jobcenter, consent=world.consent_a
        )
        token = issue_token(world.a.jobcenter, Role.PARTNER_STAFF).token
    return {
        "consent_id": world.consent_a.pk,
        "referral_id": referral.pk,
        "token_id": token.pk,
    }
