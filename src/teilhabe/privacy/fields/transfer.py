"""Imports (see teilhabe.privacy.classification).

The uploaded file holds the list's personal data; it is wiped in the transaction that
commits the import. The errors quote the value found (the person correcting the list needs
it), the corrections and the rest file (rows left out of a commit) are values of the file:
all of it is wiped 14 days after the upload (transfer.cleanup, a nightly job).
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
        errors=personal("master_data", ERASE),
        created_count=NONE,
        committed_at=NONE,
        corrections=personal("master_data", ERASE),
        skip_rows=NONE,
        rest_content=personal("master_data", ERASE),
        rest_count=NONE,
    ),
    # Column titles an organisation assigned ("Nationalität" -> nationality): no person.
    "ColumnMemory": base(alliance=NONE, organisation=NONE, kind=NONE, title=NONE, field=NONE),
    # A pointer to the created row; the row itself is anonymised by the retention run.
    "ImportedRecord": base(
        alliance=NONE, job=NONE, row=NONE, object_type=NONE, object_id=personal("master_data")
    ),
}
