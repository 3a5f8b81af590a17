"""Imports (see teilhabe.privacy.classification).

The uploaded file holds the list's personal data; it is wiped in the transaction that
commits the import. Error messages and column titles never repeat a value of the file.
"""

from teilhabe.privacy.classification import ERASE, NONE, base, personal

STAFF = personal("staff")

CLASSIFICATION = {
    "ImportJob": base(
        alliance=NONE,
        organisation=NONE,
        created_by=STAFF,
        kind=NONE,
        status=NONE,
        filename=personal("staff", ERASE),
        file_format=NONE,
        file_sha256=NONE,
        content=personal("master_data", ERASE),
        header=NONE,
        mapping=NONE,
        confirm_age=NONE,
        confirm_duplicates=NONE,
        total=NONE,
        done=NONE,
        errors=NONE,
        created_count=NONE,
        committed_at=NONE,
    ),
    # A pointer to the created row; the row itself is anonymised by the retention run.
    "ImportedRecord": base(
        alliance=NONE, job=NONE, row=NONE, object_type=NONE, object_id=personal("master_data")
    ),
}
