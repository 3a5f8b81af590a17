"""A person's uploaded documents: the file and what identifies it go when the category's
period runs out (the file is deleted from the storage); the kind, type and size stay for
the figures."""

from teilhabe.privacy.classification import COARSEN, ERASE, FILE, NONE, REDACT, base, personal

DOC = personal("documents")
STAFF = personal("staff")

CLASSIFICATION = {
    "PersonDocument": base(
        alliance=NONE,
        person=DOC,
        organisation=DOC,
        kind=DOC,
        title=personal("documents", REDACT),
        issuing_body=personal("documents", ERASE),
        issued_on=personal("documents", COARSEN),
        valid_until=personal("documents", COARSEN),
        file=personal("documents", FILE),
        content_type=DOC,
        size=DOC,
        sha256=personal("documents", ERASE),
        uploaded_by=STAFF,
        uploaded_at=DOC,
    ),
}
