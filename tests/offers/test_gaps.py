"""Gap analysis on a small hand-made dataset, the drill-down, exports and query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import NeedAssessment
from teilhabe.core.models import AuditEvent
from teilhabe.demo.offers import NOT_TOLERATED
from teilhabe.offers import gaps
from tests.conftest import World
from tests.offers.factories import OfferFactory
from tests.offers.helpers import field, person

pytestmark = pytest.mark.django_db


def landscape(world: World) -> None:
    """Work and training: a training place closed to tolerated persons (2 free), an
    internship far from public transport, a full job placement, training support from B1
    (3 free); language: counselling without a fixed number of places."""
    a = world.a
    with scopes_disabled():
        OfferFactory(
            provider=a.jobcenter,
            category="vocational_training",
            free_places=2,
            allowed_statuses=list(NOT_TOLERATED),
        )
        OfferFactory(provider=a.jmd, category="internship", free_places=1, public_transport=False)
        OfferFactory(provider=a.jmd, category="job_placement", free_places=0)
        OfferFactory(
            provider=a.jmd, category="training_support", free_places=3, min_cefr_level="B1"
        )
        OfferFactory(provider=a.jmd, category="language_course", places=None, free_places=None)
        OfferFactory(provider=a.jmd, category="internship", free_places=9, is_active=False)
        OfferFactory(provider=world.b.jmd, category="internship", places=60, free_places=50)


def persons(world: World) -> None:
    owner = world.a.tm_office
    person(owner, status="toleration", german="A2", needs={"work_training": "urgent"})
    person(owner, status="toleration", german="B1", needs={"work_training": "some"})
    person(owner, status="training_toleration", needs={"work_training": "some"})
    person(owner, status="toleration", german="A1", needs={"work_training": "urgent"})
    person(owner, status="toleration", needs={"work_training": "none"})
    person(owner, status="gestattung", needs={"work_training": "urgent"})
    person(
        owner, status="residence_permit", needs={"work_training": "urgent"}, case_status="closed"
    )
    later = person(owner, status="toleration", needs={"work_training": "some"})
    with scopes_disabled():  # a newer assessment says the need is met
        NeedAssessment.objects.create(
            alliance=world.a.alliance,
            case=later.case,
            field_of_action=field("work_training"),
            level="none",
            assessed_on=later.case.opened_on.replace(year=2026, month=11, day=1),
            organisation=owner,
        )


def cell(matrix: gaps.Matrix, key: str, group: str) -> gaps.Cell:
    return next(c for row in matrix.rows for c in row if c.field.key == key and c.group == group)


def test_the_matrix_counts_need_against_accessible_free_places(world: World) -> None:
    landscape(world)
    persons(world)
    with scope(alliance=world.a.alliance):
        matrix = gaps.gap_matrix(world.a.alliance)
    duldung = cell(matrix, "work_training", "duldung")
    assert (duldung.need, duldung.places, duldung.offers, duldung.is_gap) == (4, 3, 1, True)
    gestattung = cell(matrix, "work_training", "gestattung")
    assert (gestattung.need, gestattung.places, gestattung.is_gap) == (1, 5, False)
    permit = cell(matrix, "work_training", "aufenthaltserlaubnis")
    assert (permit.need, permit.places, permit.is_gap) == (0, 5, False)
    assert cell(matrix, "work_training", "other").places == 3
    language = cell(matrix, "education_language", "duldung")
    assert language.unlimited and not language.is_gap
    assert matrix.gaps == 1


def test_the_drilldown_counts_persons_per_excluding_rule(world: World) -> None:
    landscape(world)
    persons(world)
    with scope(alliance=world.a.alliance):
        detail = gaps.drilldown(world.a.alliance, field("work_training"), "duldung")
    counts = {r.rule: (r.excluded, r.only_obstacle) for r in detail.rules}
    assert detail.offers == 4
    assert (detail.with_access, detail.without_access) == (1, 3)
    assert counts == {
        "status": (4, 4),
        "age": (0, 0),
        "language": (3, 3),
        "legal_domain": (0, 0),
        "work": (0, 0),
        "places": (4, 4),
        "transport": (4, 4),
    }


def test_the_coordinator_sees_the_gap_marked_in_words_and_the_drilldown(
    world: World, login: Any
) -> None:
    landscape(world)
    persons(world)
    client = login("coord_a")
    html = client.get(reverse("offers:gap_matrix", args=[world.a.alliance.slug])).content.decode()
    assert "1 Angebotslücke." in html
    assert html.count(">Lücke<") == 1
    url = reverse(
        "offers:gap_cell", args=[world.a.alliance.slug, field("work_training").pk, "duldung"]
    )
    html = client.get(url).content.decode()
    assert "Angebotslücke: Der Bedarf übersteigt" in html
    assert "Nachname" not in html  # counts only, never a name


def test_an_unknown_group_is_404(world: World, login: Any) -> None:
    url = reverse("offers:gap_cell", args=[world.a.alliance.slug, field("housing").pk, "x"])
    assert login("coord_a").get(url).status_code == 404


def test_the_export_is_audited(world: World, login: Any) -> None:
    landscape(world)
    persons(world)
    url = reverse("offers:gap_export", args=[world.a.alliance.slug]) + "?format=csv"
    response = login("coord_a").get(url)
    text = response.getvalue().decode("utf-8-sig")
    assert "Arbeit und Ausbildung" in text or "Work and training" in text
    assert AuditEvent.objects.filter(action="export", object_type="offers.gaps").count() == 1
    assert login("coord_a").get(url.replace("csv", "xlsx")).status_code == 200
    assert login("coord_a").get(url.replace("csv", "pdf")).status_code == 404


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_matrix_and_drilldown_query_counts_do_not_grow_with_the_data(
    world: World, login: Any
) -> None:
    landscape(world)
    persons(world)
    client = login("coord_a")
    slug = world.a.alliance.slug
    matrix_url = reverse("offers:gap_matrix", args=[slug])
    cell_url = reverse("offers:gap_cell", args=[slug, field("work_training").pk, "duldung"])
    client.get(matrix_url)
    small = (_queries(client, matrix_url), _queries(client, cell_url))
    owner = world.a.tm_office
    for i in range(12):
        person(
            owner,
            status=["toleration", "gestattung", "p25a", None][i % 4],
            german=["A1", "B2", None][i % 3],
            domains=["sgb2"],
            needs={"work_training": "urgent", "housing": "some", "mobility": "urgent"},
        )
    with scopes_disabled():
        for i in range(8):
            OfferFactory(provider=world.a.jmd, category="housing_help", free_places=i)
    assert (_queries(client, matrix_url), _queries(client, cell_url)) == small


def test_every_drilldown_accounts_for_exactly_the_persons_of_its_cell(world: World) -> None:
    landscape(world)
    persons(world)
    person(world.a.tm_office, status=None, needs={"housing": "urgent", "work_training": "some"})
    with scope(alliance=world.a.alliance):
        matrix = gaps.gap_matrix(world.a.alliance)
        for row in matrix.rows:
            for c in row:
                detail = gaps.drilldown(world.a.alliance, c.field, c.group)
                assert detail.with_access + detail.without_access == c.need
                assert all(r.only_obstacle <= r.excluded <= c.need for r in detail.rules)


def test_small_counts_leave_the_case_management_only_as_a_dot(world: World, login: Any) -> None:
    landscape(world)
    persons(world)
    with scope(alliance=world.a.alliance):
        matrix = gaps.gap_matrix(world.a.alliance)
        detail = gaps.drilldown(world.a.alliance, field("work_training"), "duldung")
    assert gaps.published_need(cell(matrix, "work_training", "gestattung")) == "."  # 1 person
    assert gaps.published_need(cell(matrix, "work_training", "duldung")) == 4
    assert gaps.published_need(cell(matrix, "work_training", "aufenthaltserlaubnis")) == 0
    shown = gaps.published_drilldown(detail)
    # 1 with access is hidden, and so is its complement (3 without): 4 − 3 would give it.
    assert (shown.need, shown.with_access, shown.without_access) == (4, ".", ".")
    client = login("coord_a")
    html = client.get(reverse("offers:gap_matrix", args=[world.a.alliance.slug])).content.decode()
    assert html.count(">. mit Bedarf<") == 1  # the one small cell of the matrix
    url = reverse("offers:gap_export", args=[world.a.alliance.slug]) + "?format=csv"
    rows = client.get(url).getvalue().decode("utf-8-sig").splitlines()
    gestattung = next(r for r in rows if "Arbeit" in r and "Gestattung" in r)
    assert gestattung.split(";")[2] == "."


def test_a_cell_reads_the_needs_once_and_matches_its_matrix_cell(world: World) -> None:
    landscape(world)
    persons(world)
    with scope(alliance=world.a.alliance):
        matrix = gaps.gap_matrix(world.a.alliance)
        for row in matrix.rows:
            for c in row:
                with CaptureQueriesContext(connection) as ctx:
                    detail = gaps.drilldown(world.a.alliance, c.field, c.group)
                needs = [q for q in ctx if "casework_needassessment" in q["sql"]]
                assert len(needs) == 1 and len(ctx) <= 8, [q["sql"][:80] for q in ctx]
                got = (detail.cell.need, detail.cell.places, detail.cell.offers)
                assert got == (c.need, c.places, c.offers), (c.field.key, c.group)
                assert detail.cell.unlimited == c.unlimited and detail.cell.is_gap == c.is_gap


def test_two_assessments_of_one_instant_are_read_as_the_person_page_reads_them(
    world: World,
) -> None:
    """Two rows of one date and one creation instant (an import): the greater id is the
    current one for the gap analysis as for the person page (`LATEST_FIRST`)."""
    import uuid

    from teilhabe.casework.work.selectors import current_needs

    owner = world.a.tm_office
    tied = person(owner, status="toleration")
    with scopes_disabled():
        work = field("work_training")
        for pk, level in ((uuid.UUID(int=2**128 - 1), "none"), (uuid.UUID(int=1), "urgent")):
            NeedAssessment.objects.create(
                id=pk,
                alliance=world.a.alliance,
                case=tied.case,
                field_of_action=work,
                level=level,
                assessed_on=tied.case.opened_on,
                organisation=owner,
            )
        NeedAssessment.objects.filter(case=tied.case).update(created_at=tied.case.created_at)
        assert current_needs(tied)[work.pk].level == "none"
    with scope(alliance=world.a.alliance):
        matrix = gaps.gap_matrix(world.a.alliance)
    assert cell(matrix, "work_training", "duldung").need == 0


def test_each_person_in_need_counts_once_in_the_group_of_the_current_status(
    world: World,
) -> None:
    """The named groups are counted, "other" is the rest: no status, "unknown", EU; a
    changed status counts in its newest group only. Compared with the person page's
    reading of the current status, person by person."""
    import datetime as dt

    from teilhabe.people.intake.selectors import current_status
    from teilhabe.people.models import ResidenceStatusEntry

    owner = world.a.tm_office
    needs = {"work_training": "urgent", "housing": "some"}
    made = [person(owner, status=s, needs=needs) for s in (None, "unknown", "eu_other", "p25a")]
    moved = person(owner, status="gestattung", needs=needs)
    with scopes_disabled():
        ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance,
            person=moved,
            status="residence_permit",
            legal_basis="§ 25 Abs. 1",
            valid_from=dt.date(2026, 3, 1),
        )
        expected: dict[str, int] = dict.fromkeys(gaps.GROUPS, 0)
        for p in (*made, moved):
            entry = current_status(p)
            expected[gaps.group_of(entry.status if entry else None)] += 1
    assert expected == {"gestattung": 0, "duldung": 0, "aufenthaltserlaubnis": 2, "other": 3}
    with scope(alliance=world.a.alliance):
        matrix = gaps.gap_matrix(world.a.alliance)
        for key in needs:
            assert {g: cell(matrix, key, g).need for g in gaps.GROUPS} == expected
            for g in gaps.GROUPS:
                assert gaps.drilldown(world.a.alliance, field(key), g).cell.need == expected[g]
