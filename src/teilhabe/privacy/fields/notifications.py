"""Classification of the notification models (see teilhabe.privacy.classification).

A notification is a staff member's inbox entry: it names its kind and points to the referral,
status or report by id and link, never by a value of the person, and goes with the account.
"""

from __future__ import annotations

from teilhabe.privacy.classification import NONE, personal

STAFF = personal("staff")

CLASSIFICATION = {
    "Notification": {
        "id": NONE,
        "user": STAFF,
        "kind": STAFF,
        "subject_id": STAFF,
        "url": STAFF,
        "created_at": STAFF,
        "read_at": STAFF,
        "mail": NONE,
        "mailed_at": STAFF,
    },
    "Preferences": {
        "id": NONE,
        "user": STAFF,
        "channels": STAFF,
        "language": STAFF,
        "updated_at": NONE,
    },
}
