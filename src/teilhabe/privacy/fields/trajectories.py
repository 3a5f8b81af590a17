"""Participations and career findings (see teilhabe.privacy.classification)."""

from teilhabe.privacy.classification import ERASE, NONE, REDACT, base, personal

PART = personal("participations")
STAFF = personal("staff")

CLASSIFICATION = {
    "Participation": base(
        alliance=NONE,
        person=PART,
        offer=PART,
        employer=PART,
        external_title=personal("participations", REDACT),
        external_provider=personal("participations", ERASE),
        category=PART,
        start=PART,
        end=PART,
        outcome=PART,
        level_reached=PART,
        certificate=PART,
        certificate_title=personal("participations", ERASE),
        transition=PART,
        recorded_by_organisation=PART,
        recorded_by=STAFF,
        referral=PART,
        version=NONE,
    ),
    "CareerRules": base(
        alliance=NONE, chain_length=NONE, abort_run=NONE, waiting_days=NONE, lookback_months=NONE
    ),
    "CareerRun": base(
        alliance=NONE,
        started_by=STAFF,
        status=NONE,
        today=NONE,
        total=NONE,
        done=NONE,
        flagged=NONE,
        finished_at=NONE,
        rates=NONE,  # counts per alliance, before suppression: shown only through it
    ),
    # participation_ids is re-keyed with the participations (see privacy.retention).
    "Finding": base(
        alliance=NONE,
        person=PART,
        run=NONE,
        rule=PART,
        position=PART,
        participation_ids=PART,
        gap_days=PART,
        explanation=personal("participations", ERASE),
        detected_on=PART,
        # A hash of person, rule and participation ids: no value readable from it.
        fingerprint=NONE,
    ),
    # The case management's handling of a finding; its texts are counselling notes
    # (never shared through a consent).
    "FindingReview": base(
        alliance=NONE,
        person=PART,
        organisation=PART,
        rule=PART,
        fingerprint=NONE,
        status=PART,
        note=personal("counselling_notes", ERASE),
        conference_on=PART,
        action_taken=personal("counselling_notes", ERASE),
        acknowledged_by=STAFF,
        acknowledged_at=PART,
        closed_by=STAFF,
        closed_on=PART,
    ),
}
