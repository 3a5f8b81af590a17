"""Classification of the privacy app's own models."""

from teilhabe.privacy.classification import NONE, base, personal

STAFF = personal("staff")
CASE = personal("casework")

CLASSIFICATION = {
    "RetentionRule": base(
        alliance=NONE, organisation=NONE, category=NONE, months=NONE, start_event=NONE
    ),
    "RetentionRun": base(
        **dict.fromkeys(
            [
                "alliance",
                "organisation",
                "dry_run",
                "status",
                "today",
                "total",
                "done",
                "persons_due",
                "persons_anonymised",
                "persons_held",
                "values_erased",
                "files_deleted",
                "finished_at",
            ],
            NONE,
        ),
        started_by=STAFF,
    ),
    "DeletionRecord": base(
        **dict.fromkeys(
            [
                "alliance",
                "run",
                "organisation",
                "category",
                "months",
                "start_event",
                "persons",
                "values_erased",
                "files_deleted",
            ],
            NONE,
        )
    ),
    "Restriction": base(
        alliance=NONE,
        person=CASE,
        organisation=CASE,
        ground=CASE,
        status=CASE,
        requested_by=STAFF,
        requested_on=CASE,
        decided_by=STAFF,
        decided_on=CASE,
    ),
}
