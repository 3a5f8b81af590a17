"""Advice and case consultations: questions, answers and anonymised cases of professionals
and volunteers. The texts are checked for persons before they are saved (people.mentions);
who wrote them is staff data."""

from teilhabe.privacy.classification import NONE, base, personal

STAFF = personal("staff")
# Free text of the alliance's professionals: may name professionals, never a young person.
RECORD = personal("alliance")

CLASSIFICATION = {
    "AdviceRequest": base(
        alliance=NONE,
        asked_by=STAFF,
        advising_organisation=NONE,
        topic=NONE,
        subject=RECORD,
        status=NONE,
        taken_by=STAFF,
        asked_at=NONE,
        first_answer_at=NONE,
        closed_at=NONE,
        article=NONE,
    ),
    "AdviceMessage": base(
        alliance=NONE,
        request=NONE,
        author=STAFF,
        from_advisor=NONE,
        body=RECORD,
        confirmed_warning=NONE,
    ),
    "Consultation": base(
        alliance=NONE,
        topic=RECORD,
        starts_at=NONE,
        place=NONE,
        online=NONE,
        organised_by=STAFF,
        participants=STAFF,
        minutes=RECORD,
        minutes_confirmed_warning=NONE,
    ),
    "ConsultationParticipant": base(alliance=NONE, consultation=NONE, user=STAFF),
    "CasePresentation": base(
        alliance=NONE,
        consultation=NONE,
        presented_by=STAFF,
        title=RECORD,
        summary=RECORD,
        confirmed_warning=NONE,
    ),
}
