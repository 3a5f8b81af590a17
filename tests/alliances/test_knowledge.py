"""Knowledge base: every edit is a new version, Markdown is rendered safely; contact points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from teilhabe.alliances.markdown import render_markdown
from teilhabe.alliances.models import ArticleVersion
from teilhabe.alliances.services import article_create, article_update, contact_point_create
from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_every_edit_creates_a_new_version_with_author_and_review_date(
    world: World, principal: Callable[[str], Principal]
) -> None:
    coord = principal("coord_a")
    with scope(alliance=world.a.alliance):
        article = article_create(
            principal=coord, title="Erste Fassung", body="Text eins", review_on=dt.date(2027, 1, 1)
        )
        version = article_update(
            principal=coord,
            article=article,
            title="Zweite Fassung",
            body="Text zwei",
            review_on=dt.date(2027, 6, 1),
        )
        article.refresh_from_db()
        assert version.number == 2 and article.current == version
        numbers = list(
            ArticleVersion.objects.filter(article=article)
            .order_by("number")
            .values_list("number", "title", "author__username")
        )
    assert numbers == [(1, "Erste Fassung", "coord_a"), (2, "Zweite Fassung", "coord_a")]
    assert AuditEvent.objects.filter(object_id=article.pk, action="update").count() == 1


def test_only_coordinators_write_the_knowledge_base(
    world: World, principal: Callable[[str], Principal]
) -> None:
    with scope(alliance=world.a.alliance), pytest.raises(PermissionError):
        article_create(
            principal=principal("cm_a"), title="x", body="y", review_on=dt.date(2027, 1, 1)
        )


def test_markdown_is_rendered_safely() -> None:
    html = render_markdown(
        "# Titel\n\n<script>alert(1)</script> **fett** und *kursiv*\n\n- eins\n- zwei\n\n"
        "[gut](https://example.org/a?b=1&c=2) [böse](javascript:alert(1)) "
        '[quote](https://x.org/"onmouseover=alert(1))\n\n<img src=x onerror=alert(1)>'
    )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<h2 class="kern-heading-medium">Titel</h2>' in html
    assert "<strong>fett</strong>" in html and "<em>kursiv</em>" in html
    assert '<ul class="kern-list kern-list--bullet"><li>eins</li><li>zwei</li></ul>' in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert 'href="javascript' not in html
    assert "<img" not in html and "&lt;img" in html
    assert "onmouseover=alert" not in html.replace("&quot;onmouseover=alert", "")


def test_a_script_in_an_article_is_escaped_on_the_page(
    world: World, principal: Callable[[str], Principal], login: Callable[[str], Client]
) -> None:
    with scope(alliance=world.a.alliance):
        article = article_create(
            principal=principal("coord_a"),
            title="Hinweis <b>fett</b>",
            body="Vorsicht <script>alert('x')</script>",
            review_on=dt.date(2020, 1, 1),
        )
    url = reverse("alliances:article_detail", args=[world.a.alliance.slug, article.pk])
    html = login("cm_a").get(url).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "Hinweis &lt;b&gt;fett&lt;/b&gt;" in html
    assert "kern-badge--warning" in html  # the review date has passed


def test_earlier_versions_stay_readable_and_unknown_versions_are_404(
    world: World, principal: Callable[[str], Principal], login: Callable[[str], Client]
) -> None:
    coord = principal("coord_a")
    with scope(alliance=world.a.alliance):
        article = article_create(
            principal=coord, title="Alt", body="alt", review_on=dt.date(2027, 1, 1)
        )
        article_update(
            principal=coord, article=article, title="Neu", body="neu", review_on=dt.date(2027, 1, 1)
        )
    url = reverse("alliances:article_detail", args=[world.a.alliance.slug, article.pk])
    client = login("partner_a")
    assert "Neu" in client.get(url).content.decode()
    assert ">Alt<" in client.get(url + "?version=1").content.decode()
    assert client.get(url + "?version=9").status_code == 404


def test_coordinator_edits_are_a_new_version_through_the_page(
    world: World, login: Callable[[str], Client], principal: Callable[[str], Principal]
) -> None:
    with scope(alliance=world.a.alliance):
        article = article_create(
            principal=principal("coord_a"), title="Alt", body="alt", review_on=dt.date(2027, 1, 1)
        )
    url = reverse("alliances:article_edit", args=[world.a.alliance.slug, article.pk])
    response = login("coord_a").post(
        url, {"title": "Neu", "body": "# Neu\n\nText", "review_on": "2027-02-01"}
    )
    assert response.status_code == 302
    with scope(alliance=world.a.alliance):
        assert ArticleVersion.objects.filter(article=article).count() == 2


def test_a_contact_point_links_only_an_organisation_of_its_own_alliance(
    world: World, principal: Callable[[str], Principal]
) -> None:
    from django.core.exceptions import ValidationError

    with scope(alliance=world.a.alliance):
        with pytest.raises(ValidationError) as exc:
            contact_point_create(
                principal=principal("coord_a"),
                topic="housing",
                name="Wohnberatung",
                organisation=world.b.jobcenter,
            )
        assert "organisation" in exc.value.message_dict
        contact = contact_point_create(
            principal=principal("coord_a"),
            topic="housing",
            name="Wohnberatung",
            organisation=world.a.jobcenter,
        )
    assert contact.alliance == world.a.alliance


def test_articles_of_another_alliance_are_404(
    world: World, principal: Callable[[str], Principal], login: Callable[[str], Client]
) -> None:
    with scope(alliance=world.b.alliance):
        article = article_create(
            principal=principal("coord_b", "b"), title="B", body="b", review_on=dt.date(2027, 1, 1)
        )
    url = reverse("alliances:article_detail", args=[world.a.alliance.slug, article.pk])
    assert login("coord_a").get(url).status_code == 404
