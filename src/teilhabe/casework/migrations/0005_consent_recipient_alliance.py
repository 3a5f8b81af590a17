"""Consent recipients become an explicit model with the alliance (was Django's automatic
link table, same table and rows): scoped, and distributable with the consent on Citus."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_alliance(apps, schema_editor):  # type: ignore[no-untyped-def]
    recipient = apps.get_model("casework", "ConsentRecipient")
    consent = apps.get_model("casework", "Consent")
    of_consent = consent.objects.filter(pk=OuterRef("consent_id")).values("alliance_id")[:1]
    recipient.objects.update(alliance_id=Subquery(of_consent))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0004_referral_offer"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ConsentRecipient",
                    fields=[
                        ("id", models.BigAutoField(primary_key=True, serialize=False)),
                        (
                            "consent",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="recipient_links",
                                to="casework.consent",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="core.organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "consent recipient",
                        "verbose_name_plural": "consent recipients",
                        "db_table": "casework_consent_recipients",
                        "unique_together": {("consent", "organisation")},
                    },
                ),
                migrations.AlterField(
                    model_name="consent",
                    name="recipients",
                    field=models.ManyToManyField(
                        related_name="consents_received",
                        through="casework.ConsentRecipient",
                        to="core.organisation",
                        verbose_name="recipients",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="consentrecipient",
            name="alliance",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.alliance",
            ),
        ),
        migrations.RunPython(fill_alliance, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consentrecipient",
            name="alliance",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.alliance"
            ),
        ),
    ]
