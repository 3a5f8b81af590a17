"""Mentoring pairs belong to the person's case file; volunteer profiles are the
volunteers' own data, held on their own consent."""

from teilhabe.privacy.classification import ERASE, NONE, base, personal

PAIR = personal("mentoring")
VOLUNTEER = personal("volunteers")
STAFF = personal("staff")

CLASSIFICATION = {
    "VolunteerProfile": base(
        alliance=NONE,
        user=VOLUNTEER,
        organisation=VOLUNTEER,
        availability=VOLUNTEER,
        languages=VOLUNTEER,
        skills=VOLUNTEER,
        consent_given_on=VOLUNTEER,
        consent_withdrawn_on=VOLUNTEER,
    ),
    "MentoringPair": base(
        alliance=NONE,
        person=PAIR,
        volunteer=STAFF,  # the person reads the organisation, not the volunteer
        organisation=PAIR,
        case_manager=STAFF,
        goal=personal("mentoring", ERASE),
        started_on=PAIR,
        ended_on=PAIR,
        end_reason=PAIR,
    ),
    "CheckIn": base(
        alliance=NONE,
        pair=PAIR,
        on=PAIR,
        note=personal("mentoring", ERASE),
        recorded_by=STAFF,
    ),
}
