"""Demo step of recognition: every certificate whose recognition is pending or decided gets
the procedure that says so (body by the certificate's level, applied and decided on dates
before the demo's today), and about one in ten not applied for a withdrawn one. So the
certificate's summary and its procedure agree, as the services keep them. Deterministic
(ids from a generator seeded by the alliance and profile) and idempotent."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY, chunks, uuid_from
from teilhabe.people.models import Certificate
from teilhabe.recognition.models import DocumentKind, RecognitionProcedure

R = Certificate.Recognition
L = Certificate.Level
D = RecognitionProcedure.Decision
DECISION: dict[str, str] = {
    R.PENDING: D.PENDING,
    R.FULL: D.FULL,
    R.PARTIAL: D.PARTIAL,
    R.REFUSED: D.NOT_EQUIVALENT,
}
BODY: dict[str, str] = {
    L.PRIMARY: "brk_school",
    L.LOWER_SECONDARY: "brk_school",
    L.MIDDLE: "brk_school",
    L.UPPER_SECONDARY: "brd_school",
    L.HIGHER: "zab",
}
VOCATIONAL_BODIES = ("ihk_fosa", "hwk_koeln", "hwk_dortmund", "lwk_nrw", "br_duesseldorf")
# The German qualification a full / partial decision names, by level.
REFERENCE: dict[str, tuple[str, str]] = {
    L.PRIMARY: ("Erster Schulabschluss", "Erster Schulabschluss"),
    L.LOWER_SECONDARY: ("Erweiterter Erster Schulabschluss", "Erster Schulabschluss"),
    L.MIDDLE: ("Mittlerer Schulabschluss (Fachoberschulreife)", "Erster Schulabschluss"),
    L.UPPER_SECONDARY: ("Allgemeine Hochschulreife", "Fachhochschulreife (schulischer Teil)"),
    L.VOCATIONAL: ("Kaufmann/Kauffrau für Büromanagement", "Fachkraft für Lagerlogistik"),
    L.HIGHER: ("Bachelor of Science (vergleichbar)", "Hochschulzugangsberechtigung"),
}
NOTES = ("", "", "Aktenzeichen liegt vor.", "Übersetzung wurde nachgereicht.")


def _procedure(
    rng: random.Random,
    alliance: Alliance,
    cert: tuple[uuid.UUID, str, str, dt.date | None],
    decision: str,
) -> RecognitionProcedure:
    cert_id, level, _recognition, issued_on = cert
    body = BODY.get(level) or rng.choice(VOCATIONAL_BODIES)
    applied = TODAY - dt.timedelta(days=rng.randint(20, 420))
    if issued_on is not None:  # never before the certificate was issued
        applied = max(applied, min(issued_on, TODAY))
    decided = None
    if decision != D.PENDING:
        decided = min(applied + dt.timedelta(days=rng.randint(30, 150)), TODAY)
    reference = ""
    if decision in (D.FULL, D.PARTIAL):
        full, partial = REFERENCE.get(level, ("", ""))
        reference = full if decision == D.FULL else partial
    documents = [DocumentKind.COPY, DocumentKind.TRANSLATION]
    if rng.random() < 0.5:
        documents.append(DocumentKind.CV)
    return RecognitionProcedure(
        id=uuid_from(rng),
        alliance=alliance,
        certificate_id=cert_id,
        body=body,
        applied_on=applied,
        documents=documents,
        decision=decision,
        decided_on=decided,
        reference_qualification=reference,
        note=rng.choice(NOTES),
    )


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    if RecognitionProcedure.objects.filter(alliance=alliance).exists():
        return
    rng = random.Random(f"recognition:{alliance.slug}:{profile}")
    certificates = (
        Certificate.objects.filter(alliance=alliance)
        .exclude(level__in=[L.LANGUAGE, L.NONE])
        .order_by("id")
        .values_list("id", "level", "recognition", "issued_on")
    )
    rows = []
    for cert in certificates:
        recognition = cert[2]
        if recognition in DECISION:
            rows.append(_procedure(rng, alliance, cert, DECISION[recognition]))
        elif recognition == R.NOT_APPLIED and rng.random() < 0.1:
            rows.append(_procedure(rng, alliance, cert, D.WITHDRAWN))
    for batch in chunks(rows):
        RecognitionProcedure.objects.bulk_create(batch)
