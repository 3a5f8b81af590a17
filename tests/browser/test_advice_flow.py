"""Issue 22's acceptance as one flow in Chromium: a volunteer asks a question that holds a
demo person's full name; the form warns and nothing is stored until the name is edited
away; an advisor of the Teilhabemanagement takes and answers it; a coordinator makes the
answer an article. Every page passes axe-core and fits a phone without sideways scroll."""

from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.advice.models import AdviceMessage, AdviceRequest
from teilhabe.alliances.models import Article
from tests.advice.conftest import known_person  # noqa: F401 - fixture
from tests.browser.journey import Journey, check, signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUESTION = "Kann {name} neben der Ausbildung zur Pflegefachfrau einen Abendsprachkurs besuchen?"


def _stored() -> str:
    with scopes_disabled():
        texts = list(AdviceRequest.objects.values_list("subject", flat=True))
        texts += list(AdviceMessage.objects.values_list("body", flat=True))
    return " ".join(texts)


def test_a_volunteers_question_is_warned_answered_and_becomes_an_article(
    world: World,
    known_person: Any,  # noqa: F811
    live_server: Any,
    page: Any,
) -> None:
    base = f"{live_server.url}/b/{world.a.alliance.slug}"
    journey = Journey(page)

    # The volunteer asks from the start page; the question names Aylin Yıldız.
    signed_in(page, live_server, world.users["volunteer_a"])
    page.goto(f"{base}/")
    check(page, "advice_volunteer_home")
    journey.click(page.get_by_role("link", name="Frage stellen"))
    check(page, "advice_ask")
    journey.choose("#id_topic", "training")
    journey.fill("#id_subject", "Sprachkurs neben der Ausbildung")
    journey.fill("#id_body", QUESTION.format(name="Aylin Yıldız"))
    journey.click(page.get_by_role("button", name="Frage senden"))
    page.get_by_text("Der Text enthält möglicherweise den Namen einer Person.").wait_for()
    check(page, "advice_warned")
    with scopes_disabled():
        assert not AdviceRequest.objects.exists()

    # Edited away, the question goes out; the name is nowhere in the database.
    journey.fill("#id_body", QUESTION.format(name="eine junge Frau"))
    journey.click(page.get_by_role("button", name="Frage senden"))
    page.get_by_text("Ihre Frage ist gesendet.").wait_for()
    check(page, "advice_asked")
    stored = _stored()
    assert "eine junge Frau" in stored
    assert "Yıldız" not in stored and "Aylin" not in stored
    asker_steps = journey.steps

    # The advisor (case manager of the Teilhabemanagement) takes and answers it.
    page.context.clear_cookies()
    signed_in(page, live_server, world.users["cm_a"])
    page.goto(f"{base}/beratung/eingang/")
    check(page, "advice_inbox")
    journey.click(page.get_by_role("link", name="Sprachkurs neben der Ausbildung"))
    journey.click(page.get_by_role("button", name="Anfrage übernehmen"))
    page.get_by_text("Sie haben die Anfrage übernommen.").wait_for()
    journey.fill("#id_body", "Ja: Die VHS bietet berufsbegleitende Deutschkurse am Abend an.")
    journey.click(page.get_by_role("button", name="Nachricht senden"))
    page.get_by_text("Ihre Nachricht ist gesendet.").wait_for()
    check(page, "advice_answered")
    advisor_steps = journey.steps - asker_steps

    # A coordinator makes the answer an article with one action.
    page.context.clear_cookies()
    signed_in(page, live_server, world.users["coord_a"])
    with scopes_disabled():
        request = AdviceRequest.objects.get()
    page.goto(f"{base}/beratung/anfragen/{request.pk}/")
    check(page, "advice_coordinator")
    journey.click(page.get_by_role("button", name="Antwort als Wissensartikel übernehmen"))
    page.get_by_text("Die Antwort ist jetzt ein Artikel der Wissensdatenbank.").wait_for()
    check(page, "advice_article")
    with scopes_disabled():
        article = Article.objects.select_related("current").get()
    assert article.current is not None
    assert "berufsbegleitende Deutschkurse" in article.current.body

    # The alliance's evaluation shows the count and the (suppressed) median.
    page.goto(f"{base}/auswertung/")
    page.get_by_text("Mittlere Zeit bis zur ersten Antwort").wait_for()
    check(page, "advice_dashboard")
    print(f"journey: asker {asker_steps}, advisor {advisor_steps}, coordinator 1")
