"""The trajectory's entries of recognition procedures: the application and the decision,
each on its date (registered in trajectories.timeline.SOURCES under "education")."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from teilhabe.casework.work.timeline import TimelineEntry
from teilhabe.people.access import PersonAccess
from teilhabe.recognition.models import RecognitionProcedure
from teilhabe.recognition.selectors import procedures_of


def recognition_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    for p in procedures_of(access):
        label = _("Recognition")
        body = p.get_body_display()
        yield TimelineEntry(
            p.applied_on,
            "recognition",
            label,
            _("Applied for recognition of %(title)s") % {"title": p.certificate.title},
            body,
        )
        if p.decided_on is None:
            continue
        detail = p.get_decision_display()
        if p.reference_qualification and p.decision != RecognitionProcedure.Decision.WITHDRAWN:
            detail = f"{detail}: {p.reference_qualification}"
        yield TimelineEntry(
            p.decided_on,
            "recognition",
            label,
            _("Decision on the recognition of %(title)s") % {"title": p.certificate.title},
            detail,
            order=1,
        )
