"""Alliance work: no persons of the target group; names of professionals are staff data."""

from teilhabe.privacy.classification import NONE, base, personal

STAFF = personal("staff")
# Free text and documents of the alliance: may name professionals, never a young person.
RECORD = personal("alliance")

CLASSIFICATION = {
    "FieldOfAction": base(alliance=NONE, key=NONE, name=NONE, position=NONE),
    "PartnerProfile": base(
        alliance=NONE,
        organisation=NONE,
        contact_name=STAFF,
        contact_function=STAFF,
        contact_email=STAFF,
        contact_phone=STAFF,
        legal_domain=NONE,
        joined_on=NONE,
    ),
    "CoreGroupMember": base(
        alliance=NONE, organisation=NONE, person_name=STAFF, function=STAFF, member_since=STAFF
    ),
    "TeilhabemanagementPost": base(
        alliance=NONE,
        person_name=STAFF,
        organisation=NONE,
        fte=NONE,
        funded_from=NONE,
        funded_until=NONE,
    ),
    "Programme": base(
        name=NONE,
        call_published_on=NONE,
        join_deadline=NONE,
        planning_from=NONE,
        planning_until=NONE,
        implementation_from=NONE,
        ends_on=NONE,
        description=NONE,
    ),
    "JoinDeclaration": base(
        programme=NONE,
        body_kind=NONE,
        kreis=NONE,
        gemeinde=NONE,
        received_on=NONE,
        signed_by_name=STAFF,
        signed_by_function=STAFF,
        lead_office_type=NONE,
        lead_office_name=NONE,
        kreis_consent_on=NONE,
        letter=RECORD,
        letter_content_type=NONE,
        status=NONE,
        decided_on=NONE,
        alliance=NONE,
        lead_office=NONE,
    ),
    "FundingBudget": base(programme=NONE, year=NONE, amount=NONE, note=NONE),
    "FundingAllocation": base(alliance=NONE, year=NONE, amount=NONE, posts_fte=NONE),
    "ExpenditureReport": base(
        alliance=NONE,
        year=NONE,
        amount=NONE,
        note=NONE,
        document=RECORD,
        document_content_type=NONE,
    ),
    "ContactPoint": base(
        alliance=NONE,
        topic=NONE,
        name=NONE,
        organisation=NONE,
        contact_name=STAFF,
        phone=STAFF,
        email=STAFF,
        address=NONE,
        hours=NONE,
        notes=RECORD,
    ),
    "Article": base(alliance=NONE, current=NONE),
    "ArticleVersion": base(
        alliance=NONE,
        article=NONE,
        number=NONE,
        title=NONE,
        body=RECORD,
        author=STAFF,
        review_on=NONE,
    ),
    "Workshop": base(
        alliance=NONE,
        kind=NONE,
        title=NONE,
        held_on=NONE,
        place=NONE,
        organiser=NONE,
        organiser_name=STAFF,
        professionals_count=NONE,
        volunteers_count=NONE,
        minutes=RECORD,
        minutes_content_type=NONE,
    ),
    "ProblemReport": base(
        alliance=NONE, workshop=NONE, field=NONE, description=RECORD, reported_by_kind=NONE
    ),
    "Priority": base(
        alliance=NONE,
        title=NONE,
        field=NONE,
        actions=RECORD,
        responsible=NONE,
        due_on=NONE,
        status=NONE,
        problems=NONE,
    ),
}
