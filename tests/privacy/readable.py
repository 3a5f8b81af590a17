"""Helpers of the Art. 15 readability test: a person with every classified field filled,
the PDF's words with their boxes, and the scan for codes without their label and for
English labels in the German answer.

The scan takes its expectations from the label sources and the English msgids, not from
the answer: what the person stored is looked up in the database, its label in the source
the pages use (model choices, people.countries, people.languages, the data categories).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models
from django.utils import timezone, translation

from teilhabe.people.models import Person
from teilhabe.privacy.art15 import shown_fields
from teilhabe.privacy.art15_values import coded_fields
from teilhabe.privacy.classification import CATEGORIES
from teilhabe.privacy.models import StartEvent
from teilhabe.privacy.retention import person_paths, rows_of

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "teilhabe" / "templates" / "privacy"
LETTER = TEMPLATES / "pdf" / "_art15_letter.html"
ANSWER = TEMPLATES / "pdf" / "art15.html"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def sample(f: models.Field, person: Person) -> Any:
    """A valid stored value for an empty field."""
    if f.choices:
        return [c for c, _ in f.flatchoices if c][-1]  # type: ignore[union-attr]
    if isinstance(f, models.ForeignKey):
        related = f.related_model._default_manager  # type: ignore[union-attr]
        own = related.filter(person=person) if hasattr(f.related_model, "person") else related
        return own.order_by("pk").values_list("pk", flat=True).first()
    if isinstance(f, models.DateTimeField):
        return timezone.now() - dt.timedelta(days=3)
    if isinstance(f, models.DateField):
        return dt.date(2025, 11, 3)
    if isinstance(f, models.TimeField):
        return dt.time(9, 30)
    if isinstance(f, models.BooleanField):
        return True
    if isinstance(f, models.IntegerField):
        return 4
    if isinstance(f, (models.CharField, models.TextField)):
        return "Freitext"
    raise AssertionError(f"no sample value for {f.model._meta.label}.{f.name}")


def fill_every_field(person: Person) -> list[str]:
    """Fills every empty field the answer shows (bypassing save: only the values matter)
    and returns `app.Model.field` of those still empty afterwards."""
    paths = person_paths()
    empty = []
    for model in paths:
        shown = [f for f, _ in shown_fields(model) if not f.many_to_many]
        for obj in rows_of(model, paths[model], [person.pk]):
            changes = {
                f.attname: sample(f, person)
                for f in shown
                if getattr(obj, f.attname) in (None, "", [])
            }
            if changes:
                model._default_manager.filter(pk=obj.pk).update(**changes)
                obj.refresh_from_db()
            empty += [
                f"{model._meta.label}.{f.name}"
                for f in shown
                if getattr(obj, f.attname) in (None, "", [])
            ]
    return empty


@dataclass
class Scan:
    codes_without_label: list[str] = field(default_factory=list)
    english_labels: list[str] = field(default_factory=list)
    internal_keys: list[str] = field(default_factory=list)


def stored_codes(person: Person, language: str = "de") -> dict[str, str]:
    """code → label in `language`, for every coded value the person has stored."""
    paths = person_paths()
    out: dict[str, str] = {}
    with translation.override(language):
        coders = coded_fields(person)
        for model in paths:
            for obj in rows_of(model, paths[model], [person.pk]):
                for f, _ in shown_fields(model):
                    coder = coders.get(f"{model._meta.label}.{f.name}")
                    if f.many_to_many or not (f.choices or coder):
                        continue
                    raw = getattr(obj, f.name)
                    for code in raw if isinstance(raw, list) else [raw]:
                        if code in (None, "") or isinstance(code, bool):
                            continue
                        if f.choices:
                            out[str(code)] = str(dict(f.flatchoices).get(code, code))  # type: ignore[arg-type]
                        else:
                            out[str(code)] = str(coder(str(code)))  # type: ignore[misc]
    return out


def label_pairs(person: Person) -> set[tuple[str, str]]:
    """(English msgid, German) of every label the answer can show: field and section
    names, choice labels, coded-list labels, data categories, purposes, retention events
    and the templates' own strings."""
    codes = stored_codes(person)
    lazy: list[Any] = [c for cat in CATEGORIES.values() for c in (cat.label, cat.purpose)]
    lazy += [label for _, label in StartEvent.choices]
    for model in person_paths():
        lazy.append(model._meta.verbose_name_plural)
        for f, _ in shown_fields(model):
            lazy.append(f.verbose_name)
            lazy += [label for _, label in f.flatchoices]  # type: ignore[union-attr]
    for template in (LETTER, ANSWER):
        lazy += re.findall(r'{% translate "([^"]+)" %}', template.read_text())
    pairs = set()
    for text in lazy:
        with translation.override("en"):
            en = str(text)
        with translation.override("de"):
            de = str(translation.gettext(text)) if isinstance(text, str) else str(text)
        pairs.add((en, de))
    for language in ("en", "de"):
        with translation.override(language):
            coders = coded_fields(person)
            names = {
                (name, code): str(coder(code)) for name, coder in coders.items() for code in codes
            }
        if language == "en":
            english = names
    pairs |= {(english[key], names[key]) for key in names}
    return pairs


def english_labels(person: Person) -> set[str]:
    return {en for en, de in label_pairs(person) if en != de and len(en) > 2}


def _phrase(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.@/-])" + re.escape(text) + r"(?![\w@/-])")


def scan(data: dict[str, Any], pdf_text: str, person: Person, language: str = "de") -> Scan:
    """Codes without their label, English labels (a word both languages share, "Status",
    is not English), internal keys: in the PDF's text and in the JSON's labels and texts."""
    result = Scan()
    codes = stored_codes(person, language)
    labels = sorted(set(codes.values()), key=len, reverse=True)
    text = pdf_text
    for label in labels:  # a code inside its own label ("MK1 – …") is fine
        text = text.replace(label, " ")
    for code, label in sorted(codes.items()):
        # In English a code such as "education" is also a word of the text.
        if language != "de" and re.fullmatch("[a-z]{4,}", code):
            continue
        if code != label and _phrase(code).search(text):
            result.codes_without_label.append(f"pdf:{code}")

    def coded(value: Any, where: str) -> None:
        if isinstance(value, list):
            for item in value:
                coded(item, where)
        elif isinstance(value, dict) and "code" in value:  # its label must name it
            code = str(value["code"])
            if value.get("label") in ("", None, code) and codes.get(code, code) != code:
                result.codes_without_label.append(f"json:{where}:{code}")
        elif isinstance(value, str) and value in codes and codes[value] != value:
            result.codes_without_label.append(f"json:{where}:{value}")

    for section in data["sections"]:
        for item in section["items"]:
            for fld in item["fields"]:
                where = f"{section['model']}.{fld['name']}"
                coded(fld["value"], where)
                coded(fld.get("text"), f"{where} (text)")
    for recipient in data["recipients"]:
        coded(recipient["purposes"], "recipients.purposes")
    for row in data["purposes"] + data["retention"]:
        coded(row["category"], "category")

    shown_json = json.dumps(
        [
            [f["label"], f.get("text", f["value"])]
            for s in data["sections"]
            for i in s["items"]
            for f in i["fields"]
        ]
        + [s["title"] for s in data["sections"]],
        ensure_ascii=False,
    )
    for label in sorted(english_labels(person)):
        pattern = _phrase(label)
        if pattern.search(pdf_text) or pattern.search(shown_json):
            result.english_labels.append(label)
    names = {f.name for model in person_paths() for f, _ in shown_fields(model) if "_" in f.name}
    result.internal_keys = sorted(n for n in names if n in pdf_text)
    result.internal_keys += [f"uuid:{m}" for m in UUID.findall(pdf_text)]
    if person.search_key and person.search_key in pdf_text + json.dumps(data):
        result.internal_keys.append("search key")
    return result


def pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.replace("\u2010\n", "").replace("-\n", "")  # join hyphenated words


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def words(path: Path) -> tuple[float, float, list[Word]]:
    """Every word of the PDF with its box (pdftotext -bbox), and the page size in pt."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    assert page
    found = []
    for number, chunk in enumerate(out.split("<page ")[1:], 1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            chunk,
        ):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            found.append(Word(number, m.group(5), x0, y0, x1, y1))
    return float(page.group(1)), float(page.group(2)), found
