"""The offer catalogue: about offers, not persons; the contact field may name staff. The
waiting lists hold persons' waits (the participations category)."""

from teilhabe.privacy.classification import ERASE, NONE, base, personal

WAIT = personal("participations")

CLASSIFICATION = {
    "CustomCategory": base(alliance=NONE, key=NONE, name=NONE, field_of_action=NONE),
    "Offer": base(
        alliance=NONE,
        provider=NONE,
        title=NONE,
        description=NONE,
        category=NONE,
        target_level=NONE,
        places=NONE,
        free_places=NONE,
        schedule=NONE,
        starts_on=NONE,
        ends_on=NONE,
        gemeinde=NONE,
        venue=NONE,
        public_transport=NONE,
        costs=NONE,
        funding_source=NONE,
        contact=personal("staff"),
        min_age=NONE,
        max_age=NONE,
        allowed_statuses=NONE,
        required_legal_domain=NONE,
        min_cefr_level=NONE,
        requires_work_permission=NONE,
        other_requirements=NONE,
        is_active=NONE,
        version=NONE,
    ),
    # A person's wait for a place: part of their participations (shared by that consent).
    "WaitingListEntry": base(
        alliance=NONE,
        offer=WAIT,
        person=WAIT,
        since=WAIT,
        priority_note=personal("participations", ERASE),
        position=WAIT,
        status=WAIT,
        closed_on=WAIT,
        participation=WAIT,
        added_by_organisation=WAIT,
    ),
}
