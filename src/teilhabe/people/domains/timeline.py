"""The changes of legal domain on the trajectory (one query): a line where a legal domain
begins and one where it ends, so a change (Rechtskreiswechsel) reads as two dated lines."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from teilhabe.casework.work.timeline import TimelineEntry
from teilhabe.people.access import PersonAccess
from teilhabe.people.models import LegalDomainPeriod


def legal_domain_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    label = _("Legal domain")
    for p in LegalDomainPeriod.objects.filter(person=access.person).order_by("started_on"):
        domain = p.get_domain_display()
        detail = ", ".join(part for part in (p.office, p.note) if part)
        yield TimelineEntry(
            p.started_on, "legal_domain", label, _("%(domain)s begins") % {"domain": domain}, detail
        )
        if p.ended_on is not None:
            yield TimelineEntry(
                p.ended_on, "legal_domain", label, _("%(domain)s ends") % {"domain": domain}
            )
