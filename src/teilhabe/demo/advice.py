"""Demo step of the advice app: per alliance seven questions of a volunteer and a Jobcenter
colleague (six answered, one still open) to the Teilhabemanagement and one case consultation
with an anonymised case. Fixed ids and times: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User
from django.utils import timezone

from teilhabe.advice.models import (
    AdviceMessage,
    AdviceRequest,
    CasePresentation,
    Consultation,
    ConsultationParticipant,
    Topic,
)
from teilhabe.core.models import Alliance, Membership, Organisation, Role
from teilhabe.demo.common import TODAY, uuid_from

Kind = Organisation.Kind
# (asker's role, topic, subject, question, answer or "", hours to the answer)
QUESTIONS = [
    (
        Role.VOLUNTEER,
        Topic.LANGUAGE_COURSES,
        "Sprachkurs neben der Ausbildung",
        "Ein junger Mann, den ich begleite, beginnt eine Ausbildung. Gibt es Sprachkurse am "
        "Abend oder am Wochenende, die er daneben besuchen kann?",
        "Ja: Die berufsbezogene Deutschsprachförderung (DeuFöV) gibt es auch berufsbegleitend. "
        "Die Anmeldung läuft über die Agentur für Arbeit oder das Jobcenter; der "
        "Bildungsträger vor Ort bietet Abendkurse an.",
        20,
    ),
    (
        Role.PARTNER_STAFF,
        Topic.RESIDENCE_LAW,
        "Ausbildungsduldung nach Abbruch",
        "Was geschieht mit einer Ausbildungsduldung, wenn die Ausbildung abgebrochen wird?",
        "Die Duldung erlischt; einmalig wird eine Duldung von sechs Monaten zur Suche eines "
        "neuen Ausbildungsplatzes erteilt (§ 60c Abs. 6 AufenthG). Bitte früh beraten lassen.",
        52,
    ),
    (
        Role.PARTNER_STAFF,
        Topic.LANGUAGE_COURSES,
        "Integrationskurs und Arbeitszeiten",
        "Kann ein Integrationskurs so gelegt werden, dass er zu Schichtarbeit passt?",
        "Einige Träger bieten Kurse am Nachmittag und am Samstag an; die Liste der Anbieter "
        "steht in der Wissensdatenbank. Das BAMF-Kursnet zeigt freie Plätze.",
        6,
    ),
    (
        Role.VOLUNTEER,
        Topic.RESIDENCE_LAW,
        "Beschäftigungsduldung",
        "Welche Voraussetzungen hat die Beschäftigungsduldung?",
        "Unter anderem 12 Monate Duldung, 12 Monate sozialversicherungspflichtige Arbeit mit "
        "mindestens 20 Wochenstunden und gesicherter Lebensunterhalt (§ 60d AufenthG).",
        30,
    ),
    (
        Role.PARTNER_STAFF,
        Topic.LANGUAGE_COURSES,
        "Berufssprachkurs B2",
        "Wer kommt für einen Berufssprachkurs B2 in Frage?",
        "Menschen mit Sprachstand B1, die arbeitsuchend gemeldet sind oder in Ausbildung sind; "
        "die Zulassung gibt das Jobcenter oder die Agentur für Arbeit.",
        12,
    ),
    (
        Role.VOLUNTEER,
        Topic.RESIDENCE_LAW,
        "Wohnsitzauflage und Ausbildung",
        "Kann die Wohnsitzauflage für eine Ausbildung in einer anderen Stadt aufgehoben werden?",
        "Ja, auf Antrag bei der Ausländerbehörde, wenn die Ausbildung dort aufgenommen wird "
        "(§ 12a Abs. 5 AufenthG).",
        70,
    ),
    (
        Role.VOLUNTEER,
        Topic.HOUSING,
        "Wohnberechtigungsschein",
        "Wer kann einen Wohnberechtigungsschein beantragen und wo?",
        "",
        0,
    ),
]


def _member(organisations: dict[str, Organisation], kind: str, role: str) -> User | None:
    membership = (
        Membership.objects.filter(organisation=organisations[kind], role=role, is_active=True)
        .order_by("created_at", "pk")
        .first()
    )
    return membership.user if membership else None


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    advisor = _member(organisations, Kind.TEILHABEMANAGEMENT, Role.CASE_MANAGER)
    askers = {
        Role.VOLUNTEER: _member(organisations, Kind.CIVIL_SOCIETY, Role.VOLUNTEER),
        Role.PARTNER_STAFF: _member(organisations, Kind.JOBCENTER, Role.PARTNER_STAFF),
    }
    start = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(9, 0)))
    for day, (role, topic, subject, question, answer, hours) in enumerate(QUESTIONS):
        request_id, question_id, answer_id = uuid_from(rng), uuid_from(rng), uuid_from(rng)
        asker = askers[role]
        if advisor is None or asker is None:
            continue
        asked = start - dt.timedelta(days=21 - 3 * day)
        answered = asked + dt.timedelta(hours=hours) if answer else None
        request, _ = AdviceRequest.objects.get_or_create(
            id=request_id,
            defaults={
                "alliance": alliance,
                "asked_by": asker,
                "advising_organisation": organisations[Kind.TEILHABEMANAGEMENT],
                "topic": topic,
                "subject": subject,
                "status": AdviceRequest.Status.TAKEN if answer else AdviceRequest.Status.NEW,
                "taken_by": advisor if answer else None,
                "asked_at": asked,
                "first_answer_at": answered,
            },
        )
        messages = [
            AdviceMessage(
                id=question_id, alliance=alliance, request=request, author=asker, body=question
            )
        ]
        if answer:
            messages.append(
                AdviceMessage(
                    id=answer_id,
                    alliance=alliance,
                    request=request,
                    author=advisor,
                    from_advisor=True,
                    body=answer,
                )
            )
        AdviceMessage.objects.bulk_create(messages, ignore_conflicts=True)
        # created_at is auto_now_add: the thread's times follow the request's.
        AdviceMessage.objects.filter(pk=question_id).update(created_at=asked)
        if answered:
            AdviceMessage.objects.filter(pk=answer_id).update(created_at=answered)
    _consultation(alliance, organisations, rng, advisor)


def _consultation(
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    advisor: User | None,
) -> None:
    consultation_id, case_id, participant_id = uuid_from(rng), uuid_from(rng), uuid_from(rng)
    if advisor is None:
        return
    consultation, _ = Consultation.objects.get_or_create(
        id=consultation_id,
        defaults={
            "alliance": alliance,
            "topic": "Übergang Schule – Ausbildung",
            "starts_at": timezone.make_aware(
                dt.datetime.combine(TODAY + dt.timedelta(days=14), dt.time(14, 0))
            ),
            "place": "Kommunales Integrationszentrum, Raum 2",
            "organised_by": advisor,
        },
    )
    ConsultationParticipant.objects.get_or_create(
        id=participant_id,
        defaults={"alliance": alliance, "consultation": consultation, "user": advisor},
    )
    CasePresentation.objects.get_or_create(
        id=case_id,
        defaults={
            "alliance": alliance,
            "consultation": consultation,
            "presented_by": advisor,
            "title": "Ausbildungsplatz ohne gesicherten Aufenthalt",
            "summary": "Eine junge Frau, 20, Duldung, hat eine Zusage für eine Ausbildung zur "
            "Pflegefachfrau. Der Betrieb zögert wegen des Aufenthalts. Welche Wege gibt es?",
        },
    )
