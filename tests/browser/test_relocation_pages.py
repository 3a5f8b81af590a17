"""Pages of a move between alliances in Chromium: the start form on the sender's side, the
receiver's inbox and handover page, and the accepted copy; at 1280 and 375 px nothing
scrolls sideways, and axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.browser.journey import check, signed_in
from tests.conftest import World
from tests.relocation.builders import fill_history, send

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_fields_of_action"),
]


def test_the_pages_of_a_move_fit_a_phone_and_pass_axe(
    world: World, live_server: Any, page: Any, browser: Any, principal: Any
) -> None:
    fill_history(world.a.person, world.a.case, n=3)
    base_a = f"{live_server.url}/b/{world.a.alliance.slug}"
    signed_in(page, live_server, world.users["cm_a"])
    page.goto(f"{base_a}/personen/{world.a.person.pk}/umzug/")
    assert page.get_by_role("heading", name="Umzug in ein anderes Bündnis – übergeben").is_visible()
    check(page, "relocation_start")
    relocation = send(world, principal("cm_a"), ["master_data", "education", "participations"])
    page.goto(f"{base_a}/personen/{world.a.person.pk}/?bereich=freigaben")
    check(page, "relocation_section_sender")

    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    receiver = context.new_page()
    try:
        user: User = world.users["cm_b"]
        signed_in(receiver, live_server, user)
        base_b = f"{live_server.url}/b/{world.b.alliance.slug}"
        receiver.goto(f"{base_b}/umzuege/")
        assert receiver.get_by_role("heading", name="Übergaben aus anderen Bündnissen").is_visible()
        check(receiver, "relocation_inbox")
        receiver.goto(f"{base_b}/umzuege/{relocation.pk}/")
        check(receiver, "relocation_detail")
        receiver.get_by_role("button", name="Annehmen und übernehmen").click()
        receiver.wait_for_load_state()
        assert "/personen/" in receiver.url
        receiver.goto(receiver.url.split("?")[0] + "?bereich=freigaben")
        check(receiver, "relocation_section_receiver")
    finally:
        context.close()
