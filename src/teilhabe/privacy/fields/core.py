"""Classification of the core models (see teilhabe.privacy.classification)."""

from __future__ import annotations

from teilhabe.privacy.classification import BASE, NONE, base, personal

STAFF = personal("staff")
AUDIT = personal("audit")

CLASSIFICATION = {
    "Alliance": base(name=NONE, slug=NONE, body_kind=NONE, kreis=NONE, gemeinde=NONE),
    "Organisation": base(alliance=NONE, name=NONE, kind=NONE, is_lead_office=NONE),
    "Membership": base(
        user=STAFF,
        organisation=NONE,
        alliance=NONE,
        role=STAFF,
        assigned_only=STAFF,
        is_active=STAFF,
    ),
    "StateRole": base(user=STAFF, role=STAFF),
    # The staff member's one-time code for the first second factor (only a keyed hash).
    "EnrolmentCode": {
        "id": NONE,
        "user": STAFF,
        "code_hash": STAFF,
        "issued_by": STAFF,
        "created_at": STAFF,
        "expires_at": STAFF,
        "used_at": STAFF,
        "failed_attempts": STAFF,
    },
    # A user's own list preference; its values may hold a typed name fragment, so it goes
    # with the account (deleted with the user).
    "SavedFilter": base(user=STAFF, alliance=NONE, list_name=STAFF, name=STAFF, query=STAFF),
    # A background export: the user's own, like a saved filter (its form values may hold a
    # typed name); the file is deleted after EXPORT_KEEP_HOURS by the hourly job.
    "ExportJob": base(
        user=STAFF,
        alliance=NONE,
        list_name=STAFF,
        title=STAFF,
        fmt=STAFF,
        path=STAFF,
        method=STAFF,
        params=STAFF,
        status=STAFF,
        expected=STAFF,
        written=STAFF,
        file=STAFF,
        finished_at=STAFF,
    ),
    # The log holds identifiers, never values. Its references to a person's rows become
    # pseudonyms when the retention run re-keys those rows (see privacy.retention).
    "AuditEvent": {
        "id": NONE,
        "at": AUDIT,
        "actor": AUDIT,
        "organisation": NONE,
        "alliance": NONE,
        "action": AUDIT,
        "object_type": AUDIT,
        "object_id": AUDIT,
        "purpose": AUDIT,
        "consent_id": AUDIT,
        "request_id": AUDIT,
        "outcome": AUDIT,
    },
}
__all__ = ["BASE", "CLASSIFICATION"]
