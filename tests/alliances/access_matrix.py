"""Matrix rows for the initiative (state pages under /land/) and the alliance pages under
/b/<slug>/buendnis/, plus their API routes. Volunteers are not a matrix persona; their
access is tested in test_volunteer.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_scopes import scopes_disabled

from tests.conftest import World
from tests.matrix import row

STAFF_A = row(
    404, anon=302, cm_a=200, coord_a=200, partner_a=200, abh_a=200, cm_a_jmd=200
)  # every member of A; volunteers are refused these pages (see test_volunteer.py)
MEMBERS_A = {**STAFF_A, "volunteer_a": 200, "dpo_a": 200}  # contact points, knowledge base
COORD_A = row(404, anon=302, coord_a=200)
COORD_A_POST = row(404, anon=302, coord_a=405)
STATE_READ = row(404, anon=302, state=200, researcher=200)
STATE_EDIT = row(404, anon=302, state=200)
STATE_POST = row(404, anon=302, state=405)


def api(rows: dict[str, int]) -> dict[str, int]:
    return {**rows, "anon": 401}


EXPECTED: dict[str, dict[str, int]] = {
    # state level
    "alliances_state:initiative": STATE_READ,
    "alliances_state:programme_edit": STATE_EDIT,
    "alliances_state:bodies": STATE_READ,
    "alliances_state:declaration_list": STATE_EDIT,
    "alliances_state:declaration_new": STATE_EDIT,
    "alliances_state:declaration_detail": STATE_EDIT,
    "alliances_state:declaration_accept": STATE_POST,
    "alliances_state:declaration_reject": STATE_POST,
    "alliances_state:declaration_letter": STATE_EDIT,
    "alliances_state:coverage": STATE_READ,
    "alliances_state:problem_fields": STATE_READ,
    "alliances_state:funding": STATE_READ,
    "alliances_state:funding_export": STATE_READ,
    "alliances_state:budget_new": STATE_EDIT,
    "alliances_state:allocation_new": STATE_EDIT,
    "alliances_state:state_evidence": STATE_EDIT,
    # alliance level
    "alliances:overview": STAFF_A,
    "alliances:partner_new": COORD_A,
    "alliances:partner_edit": COORD_A,
    "alliances:partner_staff": COORD_A,
    "alliances:core_member_new": COORD_A,
    "alliances:core_member_remove": COORD_A_POST,
    "alliances:post_new": COORD_A,
    "alliances:post_edit": COORD_A,
    "alliances:fields": STAFF_A,
    "alliances:field_new": COORD_A,
    "alliances:workshop_list": STAFF_A,
    "alliances:workshop_new": COORD_A,
    "alliances:workshop_detail": STAFF_A,
    "alliances:workshop_edit": COORD_A,
    "alliances:workshop_minutes": STAFF_A,
    "alliances:problem_new": COORD_A,
    "alliances:priority_board": STAFF_A,
    "alliances:priority_new": COORD_A,
    "alliances:priority_edit": COORD_A,
    "alliances:contact_list": MEMBERS_A,
    "alliances:contact_new": COORD_A,
    "alliances:contact_edit": COORD_A,
    "alliances:article_list": MEMBERS_A,
    "alliances:article_new": COORD_A,
    "alliances:article_detail": MEMBERS_A,
    "alliances:article_edit": COORD_A,
    "alliances:funding": COORD_A,
    "alliances:expenditure_new": COORD_A,
    "alliances:alliance_evidence": COORD_A,
    # API
    "api:alliances_coverage": api(STATE_READ),
    "api:alliances_problem_fields": api(STATE_READ),
    "api:alliances_declarations": api(STATE_EDIT),
    "api:alliances_workshops": api(STAFF_A),
    "api:alliances_problems": api(STAFF_A),
    "api:alliances_priorities": api(STAFF_A),
    "api:alliances_fields": api(MEMBERS_A),
    "api:alliances_knowledge": api(MEMBERS_A),
}


def _document(folder: str) -> str:
    # A fixed, tiny file in the default storage, so downloads can answer 200.
    name = f"alliances/{folder}/permission-matrix.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return name


def url_kwargs(world: World) -> dict[str, Any]:
    from teilhabe.alliances.access import get_programme
    from teilhabe.alliances.models import (
        Article,
        ArticleVersion,
        ContactPoint,
        CoreGroupMember,
        ExpenditureReport,
        FieldOfAction,
        JoinDeclaration,
        Priority,
        ProblemReport,
        TeilhabemanagementPost,
        Workshop,
    )

    a = world.a
    with scopes_disabled():
        declaration = JoinDeclaration.objects.create(
            programme=get_programme(),
            body_kind="kreis",
            kreis=world.b.alliance.kreis,
            received_on=dt.date(2018, 10, 1),
            signed_by_name="Landrat",
            signed_by_function="landrat",
            lead_office_type="ki",
            lead_office_name="Kommunales Integrationszentrum",
            letter=_document("letters"),
            letter_content_type="application/pdf",
        )
        member = CoreGroupMember.objects.create(
            alliance=a.alliance, organisation=a.jobcenter, person_name="Kerngruppe Eins"
        )
        post = TeilhabemanagementPost.objects.create(
            alliance=a.alliance,
            organisation=a.tm_office,
            person_name="Stelle Eins",
            fte=Decimal("1.00"),
            funded_from=dt.date(2019, 1, 1),
        )
        workshop = Workshop.objects.create(
            alliance=a.alliance,
            kind="starter",
            title="STARTER-Workshop",
            held_on=dt.date(2019, 3, 11),
            place="Kreishaus",
            organiser="jmd",
            minutes=_document("minutes"),
            minutes_content_type="application/pdf",
        )
        problem = ProblemReport.objects.create(
            alliance=a.alliance,
            workshop=workshop,
            field=FieldOfAction.objects.filter(alliance=None).first(),
            description="Mobilitätsprobleme",
            reported_by_kind="jmd",
        )
        priority = Priority.objects.create(
            alliance=a.alliance, title="Mobilität", actions="Ticket", responsible=a.lead_office
        )
        priority.problems.add(problem)
        contact = ContactPoint.objects.create(
            alliance=a.alliance, topic="housing", name="Wohnberatung"
        )
        article = Article.objects.create(alliance=a.alliance)
        article.current = ArticleVersion.objects.create(
            alliance=a.alliance,
            article=article,
            number=1,
            title="Ausbildungsduldung",
            body="Text",
            review_on=dt.date(2027, 1, 1),
        )
        article.save(update_fields=["current"])
        expenditure = ExpenditureReport.objects.create(
            alliance=a.alliance,
            year=2019,
            amount=Decimal("1000.00"),
            document=_document("expenditure"),
            document_content_type="application/pdf",
        )
    return {
        "declaration_id": declaration.pk,
        "organisation_id": a.jobcenter.pk,
        "member_id": member.pk,
        "post_id": post.pk,
        "workshop_id": workshop.pk,
        "priority_id": priority.pk,
        "contact_id": contact.pk,
        "article_id": article.pk,
        "expenditure_id": expenditure.pk,
    }
