"""The employer directory: about firms, not persons; the contact fields name a firm's staff
(like an offer's contact)."""

from teilhabe.privacy.classification import NONE, base, personal

CLASSIFICATION = {
    "Employer": base(
        alliance=NONE,
        name=NONE,
        sector=NONE,
        municipality=NONE,
        address=NONE,
        contact_name=personal("staff"),
        contact_phone=personal("staff"),
        contact_email=personal("staff"),
        places_training=NONE,
        places_internship=NONE,
        places_employment=NONE,
        last_contact_on=NONE,
        in_network=NONE,
        note=NONE,
        archived_on=NONE,
    ),
}
