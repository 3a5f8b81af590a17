"""Default fields of action and the initiative "Gemeinsam klappt's" with its real dates."""

import datetime as dt
import uuid

from django.db import migrations

FIELDS = [
    ("education_language", "Education and language acquisition"),
    ("work_training", "Work and training"),
    ("social_participation", "Social participation"),
    ("housing", "Housing"),
    ("health", "Health"),
    ("mobility", "Mobility"),
    ("residence_bureaucracy", "Residence law and bureaucracy"),
    ("finances", "Finances"),
    ("family", "Family"),
]
# Fixed ids: the same rows on every installation.
NAMESPACE = uuid.UUID("6f1c1d8e-4c0e-4d53-9a55-0a3c2b7e5f10")


def create_defaults(apps, schema_editor):
    FieldOfAction = apps.get_model("alliances", "FieldOfAction")
    Programme = apps.get_model("alliances", "Programme")
    for position, (key, name) in enumerate(FIELDS, 1):
        FieldOfAction.objects.get_or_create(
            alliance=None,
            key=key,
            defaults={
                "id": uuid.uuid5(NAMESPACE, key),
                "name": name,
                "position": position * 10,
            },
        )
    Programme.objects.get_or_create(
        name="Gemeinsam klappt's",
        defaults={
            "id": uuid.uuid5(NAMESPACE, "programme"),
            "call_published_on": dt.date(2018, 9, 11),
            "join_deadline": dt.date(2018, 10, 15),
            "planning_from": dt.date(2018, 9, 11),
            "planning_until": dt.date(2018, 12, 31),
            "implementation_from": dt.date(2019, 1, 1),
            "ends_on": dt.date(2022, 12, 31),
            "description": (
                "Landesinitiative für junge volljährige Geflüchtete (18 bis 27 Jahre), "
                "unabhängig vom Aufenthaltsstatus."
            ),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("alliances", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
