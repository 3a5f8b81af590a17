"""Permission rows of the privacy pages (issue 7).

The DPO pages are the data-protection officer's of Teilhabemanagement A alone. The pages of
one person (person A, owned by Teilhabemanagement A) are open to its case manager and its
DPO; the Bildungspass only to the case manager. POST-only URLs answer 405 to those who may
use them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from tests.conftest import World
from tests.matrix import DPO_A, row

DPO_POST = row(404, anon=302, dpo_a=405)
OWNER_AND_DPO = row(404, anon=302, cm_a=200, dpo_a=200)
OWNER_AND_DPO_POST = row(404, anon=302, cm_a=405, dpo_a=405)

EXPECTED: dict[str, dict[str, int]] = {
    "privacy:home": DPO_A,
    "privacy:log": DPO_A,
    "privacy:retention": DPO_A,
    "privacy:retention_start": DPO_POST,
    "privacy:rule_edit": DPO_A,
    "privacy:run_detail": DPO_A,
    "privacy:restrictions": DPO_A,
    "privacy:restriction_decide": DPO_POST,
    "privacy:restriction_lift": DPO_POST,
    "privacy:art30_markdown": DPO_A,
    "privacy:art30_pdf": DPO_A,
    "privacy:persons": DPO_A,
    "privacy:person": OWNER_AND_DPO,
    "privacy:person_accesses": OWNER_AND_DPO,
    "privacy:art15_json": OWNER_AND_DPO,
    "privacy:art15_pdf": OWNER_AND_DPO,
    "privacy:restriction_request": OWNER_AND_DPO_POST,
    "privacy:bildungspass_pdf": row(404, anon=302, cm_a=200),
}


def url_kwargs(world: World) -> dict[str, Any]:
    from teilhabe.privacy.models import Restriction, RetentionRun
    from teilhabe.privacy.retention import rules_for

    with scopes_disabled():
        org = world.a.tm_office
        rule = rules_for(org)[0]
        run = RetentionRun.objects.create(
            alliance=world.a.alliance,
            organisation=org,
            today=dt.date(2026, 11, 21),
            status=RetentionRun.Status.DONE,
        )
        restriction = Restriction.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            organisation=org,
            ground="accuracy",
            requested_on=dt.date(2026, 11, 21),
        )
    return {"rule_id": rule.pk, "run_id": run.pk, "restriction_id": restriction.pk}
