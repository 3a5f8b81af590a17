"""The Citus key migration (teilhabe.ops.citus_keys) on a real PostgreSQL: every
distributed table's primary key, unique indexes and foreign keys get alliance_id, the
test world's rows satisfy the new constraints, and the application keeps writing,
reading and deleting on the changed schema. A row pointing into another alliance is
refused by the new composite foreign keys (negative control)."""

from __future__ import annotations

from typing import Any

import pytest
from bench.measures.casepage import _person_with_history
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case, Contact
from teilhabe.ops.citus_keys import citus_calls, plan
from tests.conftest import World
from tests.security.walk import collect_kwargs, kwargs_for_b

# Foreign keys from a table that is not distributed into a distributed one. None left:
# the consent recipients became an explicit model with the alliance.
KNOWN_CONFLICTS: set[str] = set()

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan reads PostgreSQL's catalogue"
)


def _apply(statements: list[str]) -> None:
    # The test's rows were written in this transaction: run their deferred checks first
    # (PostgreSQL refuses ALTER TABLE with pending trigger events).
    connection.check_constraints()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.mark.django_db
def test_key_plan_applies_and_the_application_works_on_it(world: World, login: Any) -> None:
    collect_kwargs(world)  # rows of every kind, on both sides
    kwargs_for_b(world)
    p = plan(connection)
    _apply(p.statements)  # ADD CONSTRAINT validates every existing row
    print(f"citus key plan: {p.counts}; conflicts: {p.conflicts}")
    assert set(p.conflicts) <= KNOWN_CONFLICTS, p.conflicts
    assert p.counts["primary keys with alliance_id"] == len(p.distributed) > 20
    assert p.counts["foreign keys with alliance_id"] > 20
    assert len(citus_calls(p)) == len(p.distributed) + len(p.reference)

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE c.contype = 'p' AND t.relname = ANY(%s) AND array_length(c.conkey, 1) = 2""",
            [p.distributed],
        )
        assert cursor.fetchone()[0] == len(p.distributed)

    # The application on the new keys: write a history of every casework kind, read the
    # person page, delete persons (Django's cascade across the composite keys).
    with scopes_disabled():
        person = _person_with_history(world.a.alliance, world.a.tm_office, 20)
    client = login("cm_a")
    url = reverse("people:detail", args=[world.a.alliance.slug, person.pk])
    assert client.get(url).status_code == 200
    with scopes_disabled():
        deleted, by_model = person.delete()
    assert deleted > 100 and by_model["casework.Contact"] == 20, by_model
    connection.check_constraints()  # the deferred composite keys hold now


@pytest.mark.django_db
def test_composite_foreign_keys_refuse_a_row_of_another_alliance(world: World) -> None:
    _apply(plan(connection).statements)
    with scopes_disabled():
        case = Case.objects.get(pk=world.a.case.pk)
        contact = Contact.objects.filter(case=case).first() or Contact(
            case=case, alliance=case.alliance, organisation=case.organisation, on=case.opened_on
        )
        contact.alliance = world.b.alliance  # the case stays in alliance A
        with pytest.raises(IntegrityError), transaction.atomic():
            contact.save()
            connection.check_constraints()
