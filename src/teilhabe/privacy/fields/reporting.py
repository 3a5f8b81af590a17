"""Reporting (see teilhabe.privacy.classification): official statistics and aggregates, no
data about persons; only who set an age share, requested a report or set a report schedule
names staff. Stored report files hold aggregates only (suppressed when they leave the
alliance)."""

from teilhabe.privacy.classification import NONE, base, personal

STAFF = personal("staff")

CLASSIFICATION = {
    "SeekerImport": {
        "id": NONE,
        "stichtag": NONE,
        "imported_at": NONE,
        "file_name": NONE,
        "lines": NONE,
    },
    "SeekerCount": {
        "id": NONE,
        "stichtag": NONE,
        "kreis_key": NONE,
        "kreis_name": NONE,
        "status_code": NONE,
        "status_label": NONE,
        "sex_code": NONE,
        "count": NONE,
    },
    "AgeShare": base(percent=NONE, valid_from=NONE, basis=NONE, set_by=STAFF, group=NONE),
    "Report": base(
        alliance=NONE,
        period=NONE,
        start=NONE,
        end=NONE,
        requested_by=STAFF,
        status=NONE,
        done=NONE,
        total=NONE,
        pdf=NONE,
        xlsx=NONE,
        finished_at=NONE,
        schedule=NONE,
    ),
    "ReportSchedule": base(alliance=NONE, period=NONE, set_by=STAFF),
    "IndicatorSnapshot": base(
        start=NONE,
        end=NONE,
        definition=NONE,
        version=NONE,
        trigger=NONE,
        seconds=NONE,
        data=NONE,
        has_indicators=NONE,
        totals=NONE,
        organisations=NONE,
    ),
}
