"""API tokens: who holds access for which organisation (staff data)."""

from teilhabe.privacy.classification import NONE, base, personal

STAFF = personal("staff")

CLASSIFICATION = {
    "ApiToken": base(
        alliance=NONE,
        organisation=NONE,
        name=STAFF,
        prefix=NONE,
        token_hash=NONE,
        created_by=STAFF,
        role=STAFF,
        revoked_at=STAFF,
        last_used_at=STAFF,
    ),
}
