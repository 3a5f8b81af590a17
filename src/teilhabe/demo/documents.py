"""Demo step of documents: for the first open cases of the Teilhabemanagement office, a
Duldung scan that runs out within the follow-up window, a certificate picture and its
translation; one consent shares the documents with a partner. Files are made in code
(documents.samples). Deterministic (ids and names from a generator seeded by the
alliance) and idempotent (existing rows and files are kept)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from teilhabe.casework.models import Case, Consent, ConsentRecipient
from teilhabe.core.models import Alliance, Organisation
from teilhabe.core.uploads import DOCUMENT_TYPES
from teilhabe.demo.common import TODAY, uuid_from
from teilhabe.documents.models import PersonDocument
from teilhabe.documents.samples import pdf_bytes, png_bytes

K = PersonDocument.Kind
PDF, PNG = DOCUMENT_TYPES[0], DOCUMENT_TYPES[1]
# (kind, title, issuing body, issued days ago, valid for days from TODAY or None, type)
DOCUMENTS = [
    (K.RESIDENCE, "Duldung", "Ausländerbehörde", 150, 30, PDF),
    (K.CERTIFICATE, "Abschlusszeugnis Klasse 9", "Schule in Aleppo", 900, None, PNG),
    (K.TRANSLATION, "Übersetzung Abschlusszeugnis", "Übersetzungsbüro Köln", 120, None, PDF),
]


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    owner = organisations.get(Organisation.Kind.TEILHABEMANAGEMENT)
    if owner is None:
        return
    person_ids = list(
        Case.objects.filter(organisation=owner, status=Case.Status.OPEN)
        .order_by("person_id")
        .values_list("person_id", flat=True)[:3]
    )
    rng = random.Random(f"documents:{alliance.slug}:{profile}")
    rows = []
    for n, person_id in enumerate(person_ids):
        for kind, title, body, issued, valid, file_type in DOCUMENTS[: 3 - n]:
            pk = uuid_from(rng)
            content = pdf_bytes(title) if file_type is PDF else png_bytes(colour=(40, 90 + n, 160))
            uploaded = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 10, tzinfo=dt.UTC)
            name = f"documents/{TODAY:%Y}/{pk.hex}.{file_type.extension}"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(content))
            rows.append(
                PersonDocument(
                    id=pk,
                    alliance=alliance,
                    person_id=person_id,
                    organisation=owner,
                    kind=kind,
                    title=title,
                    issuing_body=body,
                    issued_on=TODAY - dt.timedelta(days=issued),
                    valid_until=TODAY + dt.timedelta(days=valid) if valid else None,
                    file=name,
                    content_type=file_type.content_type,
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    uploaded_at=uploaded - dt.timedelta(days=10 * n),
                )
            )
    PersonDocument.objects.bulk_create(rows, ignore_conflicts=True)
    _share(alliance, organisations, owner, person_ids[:1], rng)


def _share(
    alliance: Alliance,
    organisations: dict[str, Organisation],
    owner: Organisation,
    person_ids: list,
    rng: random.Random,
) -> None:
    """The first person agreed that the vocational college sees their documents."""
    partner = organisations.get(Organisation.Kind.BERUFSKOLLEG) or organisations.get(
        Organisation.Kind.BILDUNGSTRAEGER
    )
    if partner is None or not person_ids:
        return
    consent = Consent(
        id=uuid_from(rng),
        alliance=alliance,
        person_id=person_ids[0],
        organisation=owner,
        purpose=Consent.Purpose.REFERRAL,
        purpose_detail="Bewerbung um einen Platz: Zeugnisse und Übersetzungen",
        categories=["master_data", "education", "documents"],
        valid_from=TODAY - dt.timedelta(days=20),
    )
    Consent.objects.bulk_create([consent], ignore_conflicts=True)
    if not ConsentRecipient.objects.filter(consent_id=consent.pk, organisation=partner).exists():
        ConsentRecipient.objects.create(alliance=alliance, consent=consent, organisation=partner)
