"""The new consent category reads in German wherever consents are shown: the consent
form's PDF (for each recipient too), the consent lists and the Art. 15 answer."""

from __future__ import annotations

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from teilhabe.casework.sharing.pdf import ConsentScope, render_consent_html
from teilhabe.casework.sharing.selectors import category_labels
from teilhabe.privacy import art15
from tests.conftest import World
from tests.mentoring.helpers import accompaniment_consent, volunteer_of

LABEL = "Begleitung durch Ehrenamtliche"


@pytest.mark.django_db
def test_the_consent_pdf_lists_and_art15_show_the_german_label(world: World) -> None:
    network = volunteer_of(world.a.alliance, "volunteer_a").organisation
    consent = accompaniment_consent(
        world.a.person, network, categories=["master_data", "accompaniment"]
    )
    with scopes_disabled(), translation.override("de"):
        html = render_consent_html(ConsentScope.of(consent))
        assert category_labels(consent.categories) == ["Stammdaten", LABEL]
        data = art15.collect(world.a.person, world.a.tm_office, include_notes=False)
    assert LABEL in html
    assert "erfährt nur Ihren Vornamen" in html
    assert LABEL in str(data)
