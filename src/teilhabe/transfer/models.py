"""Import jobs: an uploaded list, its column mapping, the validation result and the commit.

The file itself is kept in the row (a few MB at most, see IMPORT_MAX_BYTES) rather than in
media storage: a retry after a crash needs no user action, there is no orphan file to clean
up, and the content is wiped in the transaction that commits the import.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel


class ImportKind(models.TextChoices):
    PERSONS = "persons", _("Persons")
    PARTICIPATIONS = "participations", _("Participations")
    OFFERS = "offers", _("Offers")
    PARTNERS = "partners", _("Partner organisations")


class ImportJob(UUIDModel):
    """One upload. Exactly-once: the rows of a job are created in the same transaction that
    sets status=committed, and the runner locks the job row and skips a committed job."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        MAPPED = "mapped", _("waiting for the check")  # the check task is queued
        VALIDATING = "validating", _("being checked")
        VALID = "valid", _("checked, ready to import")
        INVALID = "invalid", _("checked, with errors")
        COMMITTING = "committing", _("being imported")
        COMMITTED = "committed", _("imported")
        FAILED = "failed", _("failed")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of list"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED
    )
    filename = models.CharField(_("file name"), max_length=200)
    file_format = models.CharField(max_length=4)  # "xlsx" or "csv"
    file_sha256 = models.CharField(max_length=64)
    content = models.BinaryField(default=b"", editable=False)
    header = models.JSONField(default=list, blank=True)  # the column titles of the file
    # target field name -> column index in the file (absent: not in the file)
    mapping = models.JSONField(default=dict, blank=True)
    # Options the case manager confirmed for the whole list (see transfer.persons).
    confirm_age = models.BooleanField(_("import persons outside 18–27 too"), default=False)
    confirm_duplicates = models.BooleanField(_("import possible duplicates too"), default=False)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # [{"row": int, "field": str, "message": str}]: never a value from the file.
    errors = models.JSONField(default=list, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    committed_at = models.DateTimeField(null=True, blank=True)
    # Cells corrected in the browser, laid over the file: {"row": {"column index": text}}.
    corrections = models.JSONField(default=dict, blank=True)
    # Rows left out of the commit ("import the valid rows now"): their row numbers.
    skip_rows = models.JSONField(default=list, blank=True)
    # After such a commit: only the left-out rows with an error column, for correcting and
    # importing again (the file itself is wiped at the commit).
    rest_content = models.BinaryField(default=b"", editable=False)
    rest_count = models.PositiveIntegerField(default=0)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.filename

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.MAPPED, self.Status.VALIDATING, self.Status.COMMITTING)

    @property
    def failed_rows(self) -> list[int]:
        return sorted({e["row"] for e in self.errors if e.get("row")})

    @property
    def valid_count(self) -> int:
        """Rows of a checked list without errors (0 when the check stopped on the file)."""
        return max(self.total - len(self.failed_rows), 0)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class ImportedRecord(UUIDModel):
    """Which object a committed job created from which row (written in the commit
    transaction, so it doubles as the proof that the job ran exactly once)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="records")
    row = models.PositiveIntegerField()
    object_type = models.CharField(max_length=50)
    object_id = models.UUIDField()

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["row"]
        constraints = [
            models.UniqueConstraint(fields=["job", "row"], name="imported_record_once_per_row")
        ]


class ColumnMemory(UUIDModel):
    """Which field an organisation assigned to a column title, so that its next list with
    the same titles ("Nationalität", "Geb.-Datum") is assigned at once."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    title = models.CharField(max_length=200)  # folded (transfer.matching.fold)
    field = models.CharField(max_length=40)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "title"], name="column_memory_once_per_title"
            )
        ]
