"""What the scheduler did: one row per job and scheduled time, and its heartbeat."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One scheduled run. The unique (job, slot) is what keeps a job from running twice
    when two schedulers or workers run side by side: the second insert fails."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    job = models.CharField(max_length=40)
    slot = models.DateTimeField()
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Counts only ("3 created, 12 already present"); never a personal value.
    result = models.CharField(max_length=300, blank=True)
    # The exception's class and where it was raised, not its message (it may hold values).
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-slot"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="jobrun_once")]
        indexes = [models.Index(fields=["job", "-slot"], name="jobrun_latest")]

    def __str__(self) -> str:
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        from teilhabe.ops.scheduling.registry import JOBS

        return next((str(job.label) for job in JOBS if job.key == self.job), self.job)


class Heartbeat(models.Model):
    """The scheduler's sign of life, written on every tick (one row per process name)."""

    name = models.CharField(max_length=40, unique=True)
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return self.name
