"""Classification of casework data (see teilhabe.privacy.classification)."""

from teilhabe.privacy.classification import ERASE, FILE, NONE, base, personal

CASE = personal("casework")
NEEDS = personal("needs")
PLAN = personal("plan")
CONSENT = personal("consents")
REFERRAL = personal("referrals")
STAFF = personal("staff")
NOTE = personal("counselling_notes", ERASE)

CLASSIFICATION = {
    "Case": base(
        alliance=NONE,
        person=CASE,
        organisation=CASE,
        case_manager=STAFF,
        status=CASE,
        opened_on=CASE,
        closed_on=CASE,
        age_at_intake=CASE,
        no_sgb_measures=CASE,
        no_compulsory_schooling=CASE,
        not_in_course_or_training=CASE,
        closure_reason=CASE,
        follow_up_check_on=CASE,
        version=NONE,
    ),
    "CaseStatusChange": base(alliance=NONE, case=CASE, status=CASE, reason=CASE, on=CASE, by=STAFF),
    "FollowUp": base(
        alliance=NONE,
        case=CASE,
        reason=CASE,
        due_on=CASE,
        status_entry=CASE,
        source=CASE,
        done_on=CASE,
        time=CASE,
        note=NOTE,
        assigned_to=STAFF,
        created_by=STAFF,
    ),
    "ExitOutcome": base(
        alliance=NONE,
        case=CASE,
        situation=CASE,
        found_on=CASE,
        note=NOTE,
        recorded_by=STAFF,
    ),
    # A user's calendar address: staff data; the secret itself is never stored.
    "CalendarFeed": base(
        alliance=NONE, user=STAFF, token_hash=NONE, with_names=STAFF, revoked_at=STAFF
    ),
    "Consent": base(
        alliance=NONE,
        person=CONSENT,
        organisation=CONSENT,
        recipients=CONSENT,
        purpose=CONSENT,
        purpose_detail=personal("consents", ERASE),
        categories=CONSENT,
        valid_from=CONSENT,
        valid_until=CONSENT,
        evidence=personal("consents", FILE),
        withdrawn_on=CONSENT,
        recorded_by=STAFF,
    ),
    "Contact": base(
        alliance=NONE,
        case=CASE,
        organisation=CASE,
        author=STAFF,
        on=CASE,
        duration_minutes=CASE,
        channel=CASE,
        interpreter=CASE,
        note=NOTE,
        topics=NEEDS,
    ),
    # The link rows behind Consent.recipients: reported, kept and erased as that field
    # (Art. 15 lists the recipients on the consent), so not a data item of their own.
    "ConsentRecipient": {"id": NONE, "alliance": NONE, "consent": NONE, "organisation": NONE},
    "ContactTopicLink": base(alliance=NONE, contact=CASE, field_of_action=NEEDS),
    "NeedAssessment": base(
        alliance=NONE,
        case=NEEDS,
        field_of_action=NEEDS,
        level=NEEDS,
        note=NOTE,
        assessed_on=NEEDS,
        assessed_by=STAFF,
        organisation=NEEDS,
        is_current=NONE,  # derived from the dates: which assessment is the latest
    ),
    "Goal": base(
        alliance=NONE, case=PLAN, title=personal("plan", ERASE), status=PLAN, created_by=STAFF
    ),
    "Step": base(
        alliance=NONE,
        goal=PLAN,
        title=personal("plan", ERASE),
        responsible=PLAN,
        due_on=PLAN,
        status=PLAN,
    ),
    "Referral": base(
        alliance=NONE,
        case=REFERRAL,
        from_organisation=REFERRAL,
        to_organisation=REFERRAL,
        consent=REFERRAL,
        offer=REFERRAL,
        purpose=personal("referrals", ERASE),
        categories=REFERRAL,
        status=REFERRAL,
        decline_reason=personal("referrals", ERASE),
        outcome=REFERRAL,
        sent_by=STAFF,
        answered_on=REFERRAL,
        answer_seen_on=REFERRAL,
    ),
    "Deputy": base(
        alliance=NONE,
        organisation=STAFF,
        absent=STAFF,
        deputy=STAFF,
        valid_from=STAFF,
        valid_until=STAFF,
        created_by=STAFF,
    ),
}
