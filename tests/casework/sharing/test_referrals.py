"""Referrals: only under a covering consent naming the receiver, answered by the receiver
(accept, decline with a reason, outcome), withdrawn by the sender; 404 for everyone else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Consent, Referral
from teilhabe.casework.sharing import services
from teilhabe.core.models import AuditEvent
from tests.casework.sharing.helpers import give_consent, owner_access, url
from tests.conftest import World

TODAY = dt.date.today()
OTHERS = ("abh_a", "cm_a_jmd", "coord_a", "cm_b", "partner_b", "abh_b", "state")


def send(world: World, **overrides: Any) -> Referral:
    access = owner_access(world)
    kwargs: dict[str, Any] = {
        "access": access,
        "case": world.a.case,
        "consent": world.consent_a,
        "to_organisation": world.a.jobcenter,
        "purpose": "Vermittlung in eine Einstiegsqualifizierung",
        "categories": ["master_data", "education"],
    }
    kwargs.update(overrides)
    with scope(alliance=world.a.alliance):
        return services.referral_send(**kwargs)


def refused(world: World, **overrides: Any) -> str:
    """The code of the service's refusal (messages are translated)."""
    with pytest.raises(ValidationError) as info:
        send(world, **overrides)
    error = info.value
    if hasattr(error, "error_dict"):  # an error at a field: the first one's code
        error = next(iter(error.error_dict.values()))[0]
    return str(error.code)


@pytest.mark.django_db
def test_the_form_offers_only_receivers_named_by_an_active_consent(
    world: World, login: Any
) -> None:
    give_consent(
        world,
        [world.a.jmd],
        ["master_data"],
        valid_from=TODAY - dt.timedelta(days=60),
        valid_until=TODAY - dt.timedelta(days=1),
    )
    response = login("cm_a").get(url("people:sharing:referral_create", world, world.a.person.pk))
    options = response.context["options"]
    assert [(o.consent.pk, o.organisation) for o in options] == [
        (world.consent_a.pk, world.a.jobcenter)
    ]


@pytest.mark.django_db
def test_a_referral_is_sent_through_the_form_and_audited(world: World, login: Any) -> None:
    response = login("cm_a").post(
        url("people:sharing:referral_create", world, world.a.person.pk),
        {
            "case": str(world.a.case.pk),
            "receiver": f"{world.consent_a.pk}:{world.a.jobcenter.pk}",
            "purpose": "Beratung zur Ausbildung",
            "categories": ["master_data", "residence_status"],
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        referral = Referral.objects.get()
    assert referral.status == "sent" and referral.to_organisation == world.a.jobcenter
    assert referral.from_organisation == world.a.tm_office
    event = AuditEvent.objects.get(action="create", object_id=referral.pk)
    assert event.consent_id == world.consent_a.pk


@pytest.mark.django_db
def test_a_referral_needs_a_covering_consent_that_names_the_receiver(world: World) -> None:
    assert refused(world, to_organisation=world.a.jmd) == "consent_recipient"
    assert refused(world, categories=["master_data", "needs"]) == "categories"
    with pytest.raises(ValidationError) as info:
        send(world, categories=["master_data", "needs"])
    assert info.value.message_dict["categories"] == [
        "Die Einwilligung deckt „Unterstützungsbedarfe“ nicht ab."
    ]
    assert refused(world, categories=["education"]) == "master_data"
    with scopes_disabled():
        Consent.objects.filter(pk=world.consent_a.pk).update(withdrawn_on=TODAY)
        world.consent_a.refresh_from_db()
    assert refused(world) == "consent_inactive"


@pytest.mark.django_db
def test_a_referral_to_the_immigration_office_with_needs_or_plan_is_refused(
    world: World,
) -> None:
    consent = give_consent(world, [world.a.abh], ["master_data", "residence_status", "needs"])
    message = refused(
        world, consent=consent, to_organisation=world.a.abh, categories=["master_data", "needs"]
    )
    assert message == "immigration_office"
    ok = send(
        world,
        consent=consent,
        to_organisation=world.a.abh,
        categories=["master_data", "residence_status"],
    )
    assert ok.status == "sent"


@pytest.mark.django_db
def test_the_receiver_accepts_and_records_the_outcome_and_both_sides_see_the_status(
    world: World, login: Any
) -> None:
    referral = send(world)
    partner = login("partner_a")
    detail = url("people:sharing:referral_detail", world, referral.pk)
    answer = url("people:sharing:referral_answer", world, referral.pk)
    assert partner.get(detail).status_code == 200
    assert partner.post(answer, {"action": "accept"}).status_code == 302
    assert login("cm_a").get(detail).context["referral"].status == "accepted"
    partner.post(answer, {"action": "outcome", "outcome": "started"})
    assert partner.get(detail).context["referral"].status == "accepted"
    partner.post(answer, {"action": "outcome", "outcome": "completed"})
    final = login("cm_a").get(detail).context["referral"]
    assert (final.status, final.outcome, final.answered_on) == ("completed", "completed", TODAY)
    # The partner can now open the person page through the consent.
    assert (
        partner.get(
            reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
        ).status_code
        == 200
    )
    actions = AuditEvent.objects.filter(object_id=referral.pk, action="update")
    assert [e.purpose for e in actions.order_by("id")] == ["accepted", "outcome", "outcome"]


@pytest.mark.django_db
def test_the_receiver_declines_only_with_a_reason(world: World, login: Any) -> None:
    referral = send(world)
    partner = login("partner_a")
    answer = url("people:sharing:referral_answer", world, referral.pk)
    response = partner.post(answer, {"action": "decline", "reason": ""})
    assert response.status_code == 200 and response.context["decline_form"].errors
    partner.post(answer, {"action": "decline", "reason": "Keine freien Plätze bis März"})
    with scopes_disabled():
        referral.refresh_from_db()
    assert referral.status == "declined"
    assert referral.decline_reason == "Keine freien Plätze bis März"
    # Declined is final: no outcome, no second answer.
    partner.post(answer, {"action": "accept"})
    with scopes_disabled():
        referral.refresh_from_db()
    assert referral.status == "declined"


@pytest.mark.django_db
def test_the_sender_withdraws_while_sent_but_not_after_an_answer(world: World, login: Any) -> None:
    first, second = send(world), send(world)
    sender = login("cm_a")
    sender.post(url("people:sharing:referral_withdraw", world, first.pk))
    login("partner_a").post(
        url("people:sharing:referral_answer", world, second.pk), {"action": "accept"}
    )
    sender.post(url("people:sharing:referral_withdraw", world, second.pk))
    with scopes_disabled():
        assert Referral.objects.get(pk=first.pk).status == "withdrawn"
        assert Referral.objects.get(pk=second.pk).status == "accepted"


@pytest.mark.django_db
def test_everyone_else_gets_404_on_the_referral_and_its_actions(world: World, login: Any) -> None:
    referral = send(world)
    for persona in OTHERS:
        client = login(persona)
        assert (
            client.get(url("people:sharing:referral_detail", world, referral.pk)).status_code == 404
        )
        assert (
            client.post(
                url("people:sharing:referral_answer", world, referral.pk), {"action": "accept"}
            ).status_code
            == 404
        )
        assert (
            client.post(url("people:sharing:referral_withdraw", world, referral.pk)).status_code
            == 404
        )
    # The sender may not answer, the receiver may not withdraw.
    assert (
        login("cm_a")
        .post(url("people:sharing:referral_answer", world, referral.pk), {"action": "accept"})
        .status_code
        == 404
    )
    assert (
        login("partner_a")
        .post(url("people:sharing:referral_withdraw", world, referral.pk))
        .status_code
        == 404
    )
    with scopes_disabled():
        assert Referral.objects.get(pk=referral.pk).status == "sent"


@pytest.mark.django_db
def test_the_inbox_lists_incoming_referrals_and_logs_them_as_disclosures(
    world: World, login: Any
) -> None:
    referral = send(world)
    inbox = url("people:sharing:referral_inbox", world)
    page = login("partner_a").get(inbox)
    assert [r.pk for r in page.context["rows"]] == [referral.pk]
    assert "CanaryA" in page.content.decode()
    event = AuditEvent.objects.get(action="disclose", purpose="referral list")
    assert (event.object_id, event.consent_id) == (world.a.person.pk, world.consent_a.pk)
    assert login("abh_a").get(inbox).context["rows"] == []
    outgoing = login("cm_a").get(inbox)
    assert [r.pk for r in outgoing.context["rows"]] == [referral.pk]


@pytest.mark.django_db
def test_withdrawing_the_consent_withdraws_unanswered_referrals_and_hides_them(
    world: World, login: Any
) -> None:
    referral = send(world)
    with scope(alliance=world.a.alliance):
        consent = Consent.objects.get(pk=world.consent_a.pk)
        services.consent_withdraw(access=owner_access(world), consent=consent, withdrawn_on=TODAY)
        assert Referral.objects.get(pk=referral.pk).status == "withdrawn"
    partner = login("partner_a")
    assert partner.get(url("people:sharing:referral_inbox", world)).context["rows"] == []
    assert partner.get(url("people:sharing:referral_detail", world, referral.pk)).status_code == 404
    assert (
        login("cm_a").get(url("people:sharing:referral_detail", world, referral.pk)).status_code
        == 200
    )


@pytest.mark.django_db
def test_the_referrals_section_shows_all_to_the_owner_and_only_its_own_to_a_partner(
    world: World, login: Any
) -> None:
    mine = send(world)
    abh_consent = give_consent(world, [world.a.abh], ["master_data"])
    send(world, consent=abh_consent, to_organisation=world.a.abh, categories=["master_data"])
    person = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])

    def section(persona: str) -> list[Referral]:
        page = login(persona).get(person + "?bereich=freigaben")
        found = next(s for s in page.context["sections"] if s.key == "referrals")
        return list(found.context["referrals"])

    assert len(section("cm_a")) == 2
    assert [r.pk for r in section("partner_a")] == [mine.pk]


@pytest.mark.django_db
def test_inbox_and_detail_query_counts_do_not_grow_with_more_referrals(
    world: World, login: Any
) -> None:
    first = send(world)
    partner = login("partner_a")
    inbox = url("people:sharing:referral_inbox", world)
    detail = url("people:sharing:referral_detail", world, first.pk)

    def count(address: str) -> int:
        partner.get(address)
        with CaptureQueriesContext(connection) as ctx:
            assert partner.get(address).status_code == 200
        return len(ctx.captured_queries)

    small = (count(inbox), count(detail))
    for _ in range(20):
        send(world)
    assert (count(inbox), count(detail)) == small
