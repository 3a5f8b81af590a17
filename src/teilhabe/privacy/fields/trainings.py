"""Trainings and events: no person of the target group. A registration is staff data of a
professional or volunteer (who registered, waited, attended); it goes with the account."""

from teilhabe.privacy.classification import NONE, base, personal

STAFF = personal("staff")

CLASSIFICATION = {
    "Training": base(
        alliance=NONE,
        kind=NONE,
        title=NONE,
        description=NONE,
        starts_at=NONE,
        ends_at=NONE,
        place=NONE,
        online_link=NONE,
        organiser=NONE,
        audience=NONE,
        places=NONE,
    ),
    "Registration": base(
        alliance=NONE,
        training=STAFF,
        user=STAFF,
        organisation=STAFF,
        status=STAFF,
        position=STAFF,
        attended=STAFF,
    ),
}
