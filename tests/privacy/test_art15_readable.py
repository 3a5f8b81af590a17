"""The Art. 15 answer is readable by the person it is for (issue 18, item 4): every field
of the classification shown with a label in the reader's language, names instead of codes,
German dates, no internal keys, a cover letter in the person's own language, and every
word of the PDF inside the page."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from teilhabe.employers.models import Employer
from teilhabe.offers.models import Offer, WaitingListEntry
from teilhabe.people.models import Experience, Person, PersonLanguage
from teilhabe.privacy import art15
from teilhabe.privacy.models import Restriction
from teilhabe.privacy.retention import person_paths
from teilhabe.trajectories.models import FindingReview, Participation
from tests import factories as f
from tests.conftest import World
from tests.mentoring.helpers import pair, profile, volunteer_of
from tests.privacy.readable import LETTER, fill_every_field, pdf_text, scan, words
from tests.privacy.seed import Seeded, seed_person

pytestmark = pytest.mark.django_db
POPPLER = shutil.which("pdftotext") is not None
MM = 72 / 25.4


@pytest.fixture
def full(world: World) -> Seeded:
    """The seeded person plus the rows the seed leaves out, every shown field filled."""
    with scopes_disabled():
        seeded = seed_person(world.a.tm_office, "FULL", partner=world.a.jobcenter)
        person = seeded.person
        f.GemeindeFactory()
        course = Offer.objects.create(
            alliance=world.a.alliance,
            provider=world.a.jmd,
            title="Integrationskurs Köln",
            category="integration_course",
        )
        WaitingListEntry.objects.create(
            alliance=world.a.alliance,
            offer=course,
            person=person,
            since=dt.date(2025, 1, 10),
            position=1,
            status="allocated",
            closed_on=dt.date(2025, 2, 28),
            participation=Participation.objects.filter(person=person).first(),
            added_by_organisation=world.a.tm_office,
        )
        FindingReview.objects.create(
            alliance=world.a.alliance,
            person=person,
            organisation=world.a.tm_office,
            rule="MK3",
            fingerprint="f" * 64,
        )
        Restriction.objects.create(
            alliance=world.a.alliance,
            person=person,
            organisation=world.a.tm_office,
            ground="accuracy",
            requested_on=person.arrival_date,
        )
        mentoring = pair(
            person,
            profile(volunteer_of(world.a.alliance, "volunteer_a")),
            None,
            ended_on=person.arrival_date,
            end_reason="goal_reached",
        )
        mentoring.checkins.create(
            alliance=world.a.alliance, on=person.arrival_date, note="Erstes Treffen"
        )
        # A handover to another alliance (declined) and a merge into this record.
        from teilhabe.casework.models import Consent
        from teilhabe.people.models import PersonMerge
        from tests.people.merge.helpers import BUILDERS

        relocation = BUILDERS["relocation.relocation.person"](person, 0)
        own_consent = relocation.consent
        signed = Consent.objects.filter(person=person).exclude(evidence="").first()
        assert signed is not None
        type(relocation).objects.filter(pk=relocation.pk).update(
            answered_on=person.arrival_date, created_person_id=person.pk, consent=signed
        )
        own_consent.delete()
        document = BUILDERS["documents.persondocument.person"](person, 0)
        type(document).objects.filter(pk=document.pk).update(file="documents/2026/a1b2.pdf")
        absorbed = f.PersonFactory(owner=world.a.tm_office, given_name="Doppelt")
        PersonMerge.objects.create(
            alliance=world.a.alliance,
            survivor=person,
            absorbed=absorbed,
            moved={"people.certificate.person": []},
            before={"phone": "0170 1"},
            withdrawn_at=timezone.now(),
        )
        firm = Employer.objects.create(
            alliance=world.a.alliance, name="Kfz-Meisterbetrieb Ehrenfeld", sector="craft"
        )
        Experience.objects.filter(person=person).update(employer_entry=firm)
        Participation.objects.filter(person=person).update(employer=firm)
        Person.objects.filter(pk=person.pk).update(search_key="canaryfull suchschluessel")
        person.refresh_from_db()
        assert fill_every_field(person) == []
    return seeded


def _answer(seeded: Seeded, world: World, language: str, letter: str | None = None) -> Any:
    with scopes_disabled():
        data = art15.collect(
            seeded.person, world.a.tm_office, include_notes=True, language=language
        )
        return data, art15.render_pdf(data, letter=letter)


def test_every_classified_field_of_the_person_is_in_the_answer_with_a_label(
    world: World, full: Seeded
) -> None:
    with scopes_disabled():
        data, _ = _answer(full, world, "de")
        expected = {
            f"{model._meta.label}.{fld.name}"
            for model in person_paths()
            for fld, _ in art15.shown_fields(model)
        }
    shown = {
        f"{s['model']}.{fld['name']}"
        for s in data["sections"]
        for i in s["items"]
        for fld in i["fields"]
    }
    print(f"art15 fields: {len(expected & shown)}/{len(expected)} classified fields shown")
    assert expected <= shown
    assert not {"people.Person.search_key", "trajectories.Finding.position"} & shown
    labels = [fld["label"] for s in data["sections"] for i in s["items"] for fld in i["fields"]]
    assert all(label and "_" not in label for label in labels)


@pytest.mark.skipif(not POPPLER, reason="poppler-utils missing")
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_answer_shows_no_code_without_its_label_and_no_english_label_in_german(
    world: World, full: Seeded, tmp_path: Path, language: str
) -> None:
    data, pdf = _answer(full, world, language)
    path = tmp_path / f"art15-{language}.pdf"
    path.write_bytes(pdf)
    text = pdf_text(path)
    # Through JSON and back, as the download is read.
    data = json.loads(json.dumps(data, ensure_ascii=False))
    with scopes_disabled():
        result = scan(data, text, full.person, language)
    print(
        f"art15 {language}: {len(result.codes_without_label)} codes without label, "
        f"{len(result.english_labels)} English labels, {len(result.internal_keys)} internal keys"
    )
    assert result.codes_without_label == [], result.codes_without_label
    assert result.internal_keys == [], result.internal_keys
    if language == "de":
        assert result.english_labels == [], result.english_labels
        assert re.search(r"Geburtsdatum\s+09\.03\.2004", text)
        assert "Afghanistan" in text and "Persisch (Farsi)" in text
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO date for the reader


def test_the_json_carries_the_label_next_to_every_code(world: World, full: Seeded) -> None:
    data, _ = _answer(full, world, "de")
    fields = {
        f"{s['model']}.{fld['name']}": fld
        for s in data["sections"]
        for i in s["items"]
        for fld in i["fields"]
    }
    assert fields["people.Person.nationality"]["value"] == {"code": "AF", "label": "Afghanistan"}
    assert fields["people.Person.date_of_birth"]["value"] == "2004-03-09"
    assert fields["people.Person.date_of_birth"]["text"] == "09.03.2004"
    categories = fields["casework.Consent.categories"]["value"]
    assert {"code": "master_data", "label": "Stammdaten"} in categories
    assert fields["trajectories.Participation.category"]["value"]["label"] == "Sprachkurs"
    assert fields["people.Person.sex"]["value"]["code"] in {"male", "female", "diverse", "unknown"}
    purposes = data["recipients"][0]["purposes"]
    assert purposes and all(set(p) == {"code", "label"} for p in purposes)


@pytest.mark.skipif(not POPPLER, reason="poppler-utils missing")
@pytest.mark.parametrize(("language", "letter"), [("de", "ar"), ("en", "fa"), ("de", "fr")])
def test_every_word_of_the_pdf_stays_inside_the_page_margins(
    world: World, full: Seeded, tmp_path: Path, language: str, letter: str
) -> None:
    _, pdf = _answer(full, world, language, letter)
    path = tmp_path / "art15.pdf"
    path.write_bytes(pdf)
    width, height, found = words(path)
    # @page margins of privacy/pdf/_style.html: 14 16 16 18 mm (page numbers sit in the
    # bottom margin box, inside the page and right of the left margin).
    left, right, top = 18 * MM - 1, width - 16 * MM + 1, 14 * MM - 1
    outside = [
        w for w in found if w.x_min < left or w.x_max > right or w.y_min < top or w.y_max > height
    ]
    assert len(found) > 500
    assert outside == []
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) >= 3


@pytest.mark.parametrize(
    ("native", "expected"), [("ar", "ar"), ("prs", "fa"), ("fa", "fa"), ("fr", "fr"), ("ps", None)]
)
def test_the_cover_letter_language_is_the_persons_first_language_where_it_exists(
    world: World, native: str, expected: str | None
) -> None:
    with scopes_disabled():
        seeded = seed_person(world.a.tm_office, "LANG")
        PersonLanguage.objects.filter(person=seeded.person, level="native").delete()
        PersonLanguage.objects.create(
            alliance=world.a.alliance, person=seeded.person, language=native, level="native"
        )
        assert art15.letter_language(seeded.person) == expected


def _letter_msgids() -> list[str]:
    source = LETTER.read_text()
    ids = re.findall(r'{% translate "([^"]+)" %}', source)
    for body in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", source):
        ids.append(re.sub(r"{{ (\w+) }}", r"%(\1)s", body))
    return ids


@pytest.mark.parametrize("language", ["de", "fr", "ar", "fa"])
def test_every_sentence_of_the_cover_letter_is_translated(language: str) -> None:
    ids = _letter_msgids()
    with translation.override(language):
        missing = [i for i in ids if translation.gettext(i) == i]
    assert len(ids) >= 15
    assert missing == []


@pytest.mark.skipif(not POPPLER, reason="poppler-utils missing")
def test_the_arabic_letter_runs_right_to_left_in_an_arabic_font(
    world: World, full: Seeded, tmp_path: Path
) -> None:
    _, pdf = _answer(full, world, "de", "ar")
    path = tmp_path / "art15-ar.pdf"
    path.write_bytes(pdf)
    second = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(path), "-"], capture_output=True, text=True
    ).stdout
    assert re.search("[\u0600-\u06ff]{3}", second)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Arabic" in fonts


def test_the_english_answer_is_offered_and_other_languages_are_404(
    world: World, login: Any, full: Seeded
) -> None:
    url = reverse("privacy:art15_json", args=[world.a.alliance.slug, full.person.pk])
    client = login("cm_a")
    english = json.loads(client.get(url, {"sprache": "en"}).content)
    assert english["language"] == "en"
    labels = {fld["label"] for s in english["sections"] for i in s["items"] for fld in i["fields"]}
    assert "Date of birth" in labels
    assert client.get(url, {"sprache": "xx"}).status_code == 404
