"""Classification of moves between alliances (see teilhabe.privacy.classification)."""

from teilhabe.privacy.classification import NONE, base, personal

CASE = personal("casework")
STAFF = personal("staff")

CLASSIFICATION = {
    "Relocation": base(
        alliance=NONE,
        organisation=CASE,
        person=CASE,
        consent=personal("consents"),
        to_alliance=CASE,
        to_organisation=CASE,
        status=CASE,
        sent_on=CASE,
        sent_by=STAFF,
        answered_on=CASE,
        answered_by=STAFF,
        created_person_id=CASE,
    ),
}
