"""Classification of a person's data (see teilhabe.privacy.classification).

Anonymisation keeps what the aggregates count (sex, nationality, place of residence,
status, levels, dates of events) and removes or coarsens what identifies.
"""

from teilhabe.privacy.classification import COARSEN, ERASE, NONE, base, personal

MASTER = personal("master_data")
STATUS = personal("residence_status")
EDUCATION = personal("education")
STAFF = personal("staff")
CASEWORK = personal("casework")
LOG = personal("audit")

CLASSIFICATION = {
    "Person": base(
        alliance=NONE,
        owner=CASEWORK,
        assigned_to=STAFF,
        given_name=personal("master_data", ERASE),
        family_name=personal("master_data", ERASE),
        date_of_birth=personal("master_data", COARSEN),
        sex=MASTER,
        nationality=MASTER,
        residence=MASTER,
        arrival_date=personal("master_data", COARSEN),
        phone=personal("contact_data", ERASE),
        email=personal("contact_data", ERASE),
        address=personal("contact_data", ERASE),
        search_key=personal("master_data", ERASE),
        version=NONE,
        restricted=CASEWORK,
        restricted_since=CASEWORK,
        anonymised_at=NONE,
        merged_into=CASEWORK,
        merged_at=CASEWORK,
    ),
    # The before-image of a merge: the survivor's replaced master data and the moved rows.
    "PersonMerge": base(
        alliance=NONE,
        survivor=CASEWORK,
        absorbed=CASEWORK,
        merged_by=STAFF,
        moved=CASEWORK,
        before=personal("master_data", ERASE),
        withdrawn_at=CASEWORK,
    ),
    "ResidenceStatusEntry": base(
        alliance=NONE,
        person=STATUS,
        status=STATUS,
        legal_basis=personal("residence_status", ERASE),
        valid_from=STATUS,
        valid_until=STATUS,
        document_seen=STATUS,
        conditions=STATUS,
        conditions_note=personal("residence_status", ERASE),
        residence_gemeinde=STATUS,
        residence_kreis=STATUS,
        is_current=NONE,  # derived from the dates: which entry is the latest
    ),
    # Beschäftigungserlaubnis: the employer named identifies together with the person.
    "WorkPermission": base(
        alliance=NONE,
        person=STATUS,
        status_entry=STATUS,
        provider=STATUS,
        employer_name=personal("residence_status", ERASE),
        kind=STATUS,
        granted_on=STATUS,
        valid_until=STATUS,
        withdrawn_on=STATUS,
        note=personal("residence_status", ERASE),
    ),
    "PersonLanguage": base(
        alliance=NONE, person=EDUCATION, language=EDUCATION, level=EDUCATION, certified=EDUCATION
    ),
    "Profile": base(
        alliance=NONE,
        person=EDUCATION,
        school_years_abroad=EDUCATION,
        school_years_germany=EDUCATION,
        interests=personal("education", ERASE),
        goals=personal("plan", ERASE),
        legal_domains=CASEWORK,
    ),
    # The interpreter need is part of how to reach the person (master data, as languages
    # are for a partner who meets them); the note may name preferences: erased.
    "InterpreterNeed": base(
        alliance=NONE,
        person=MASTER,
        language=MASTER,
        needed=MASTER,
        note=personal("master_data", ERASE),
    ),
    # The dated history behind Profile.legal_domains (same category); the office and note
    # may name people or places: erased, the domains and dates stay for the aggregates.
    "LegalDomainPeriod": base(
        alliance=NONE,
        person=CASEWORK,
        domain=CASEWORK,
        started_on=CASEWORK,
        ended_on=CASEWORK,
        office=personal("casework", ERASE),
        note=personal("casework", ERASE),
    ),
    "Certificate": base(
        alliance=NONE,
        person=EDUCATION,
        title=personal("education", ERASE),
        country=EDUCATION,
        level=EDUCATION,
        issued_on=EDUCATION,
        recognition=EDUCATION,
    ),
    "Experience": base(
        alliance=NONE,
        person=EDUCATION,
        kind=EDUCATION,
        title=personal("education", ERASE),
        employer=personal("education", ERASE),
        employer_entry=EDUCATION,
        country=EDUCATION,
        started_on=EDUCATION,
        ended_on=EDUCATION,
    ),
    # Who was shown which shared person in a list (identifiers only, like the audit log).
    "ListDisclosure": {
        "id": NONE,
        "at": LOG,
        "alliance": NONE,
        "actor": LOG,
        "surface": LOG,
        "request_id": LOG,
    },
    "ListDisclosureEntry": {
        "id": NONE,
        "alliance": NONE,
        "disclosure": LOG,
        "organisation": NONE,
        "person_id": LOG,
        "consent_id": LOG,
    },
}
