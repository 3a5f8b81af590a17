"""Writes of the legal-domain history and the interpreter need.

The periods are the one truth of the responsible legal domains: every write here derives
`Profile.legal_domains` (the domains of the open periods) again, in the same transaction,
and nothing else writes that column (the profile form routes its choice through
`legal_domains_reconcile`). Dates lie in the past or today: a change is recorded when it
happens, so the derived set never waits for a date to pass.

A change of legal domain (one begins after an earlier period, or one ends) gives the open
case one follow-up to hand over to the new office, keyed `domain:<period id>` so that it
exists once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.casework.cases import open_case
from teilhabe.casework.models import FollowUp
from teilhabe.core.models import AuditEvent
from teilhabe.people.access import PersonAccess, require_owner
from teilhabe.people.languages import is_language
from teilhabe.people.models import (
    InterpreterNeed,
    LegalDomain,
    LegalDomainPeriod,
    Person,
    Profile,
)
from teilhabe.people.services import entry_audit

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DomainChange:
    domain: str
    started_on: dt.date
    ending: LegalDomainPeriod | None = None
    office: str = ""
    note: str = ""


def open_periods(person_id: uuid.UUID) -> list[LegalDomainPeriod]:
    return list(LegalDomainPeriod.objects.filter(person_id=person_id, ended_on__isnull=True))


def current_domains(periods: list[LegalDomainPeriod]) -> list[str]:
    """The derived set, in the stable order of LegalDomain."""
    open_ = {p.domain for p in periods if p.ended_on is None}
    return [d for d in LegalDomain.values if d in open_]


def legal_domains_derive(*, person: Person) -> Profile | None:
    """Write the domains of the open periods to the profile (created when missing). Part of
    the caller's write (a change here, a merge and its undo in people.merge), which audits;
    a person without periods and without a profile gets none."""
    domains = current_domains(open_periods(person.pk))
    profile = Profile.objects.filter(person=person).first()
    if profile is None:
        if not domains:
            return None
        profile = Profile(alliance_id=person.alliance_id, person=person)
    if profile._state.adding or profile.legal_domains != domains:
        profile.legal_domains = domains
        profile.save()
    return profile


def _handover(access: PersonAccess, period: LegalDomainPeriod, text: str, today: dt.date) -> None:
    """The open case's follow-up to hand over to the new office (once per period)."""
    case = open_case(access.person)
    if case is None or period.domain == LegalDomain.NONE:
        return
    followup, created = FollowUp.objects.get_or_create(
        case=case,
        source=f"domain:{period.pk}",
        defaults={
            "alliance_id": case.alliance_id,
            "reason": FollowUp.Reason.LEGAL_DOMAIN_CHANGE,
            "due_on": today,
            "note": text,
        },
    )
    if created:
        entry_audit(access=access, action=AuditEvent.Action.CREATE, obj=followup)


def _check_dates(started_on: dt.date, ended_on: dt.date | None, today: dt.date) -> None:
    errors: dict[str, list[str]] = {}
    if started_on > today:
        errors["started_on"] = [_("Record a change when it has happened: the date lies ahead.")]
    if ended_on is not None and ended_on > today:
        errors["ended_on"] = [_("Record the end when it has happened: the date lies ahead.")]
    if ended_on is not None and ended_on < started_on:
        errors["ended_on"] = [_("The end cannot lie before the start.")]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]


def _begin(
    access: PersonAccess, change: DomainChange, today: dt.date, *, handover: bool
) -> LegalDomainPeriod:
    if change.domain not in LegalDomain.values:
        raise ValidationError({"domain": [_("Choose legal domains from the list.")]})
    _check_dates(change.started_on, None, today)
    current = open_periods(access.person.pk)
    ending = [change.ending] if change.ending is not None else []
    if change.ending is not None and (
        change.ending.person_id != access.person.pk or change.ending.ended_on is not None
    ):
        raise ValidationError({"ending": [_("Choose a legal domain that is still current.")]})
    # "None" stands alone: it ends every domain, and a domain ends "none".
    for p in current:
        if p not in ending and (change.domain == LegalDomain.NONE or p.domain == LegalDomain.NONE):
            ending.append(p)
    if any(p.domain == change.domain and p not in ending for p in current):
        raise ValidationError({"domain": [_("This legal domain is already current.")]})
    for p in ending:
        if p.started_on > change.started_on - DAY:
            raise ValidationError(
                {"started_on": [_("The new legal domain must begin after the one that ends.")]}
            )
        p.ended_on = change.started_on - DAY
        p.save(update_fields=["ended_on", "updated_at"])
        entry_audit(access=access, action=AuditEvent.Action.UPDATE, obj=p)
    period = LegalDomainPeriod(
        alliance_id=access.person.alliance_id,
        person=access.person,
        domain=change.domain,
        started_on=change.started_on,
        office=change.office.strip(),
        note=change.note.strip(),
    )
    period.full_clean()
    period.save()
    entry_audit(access=access, action=AuditEvent.Action.CREATE, obj=period)
    if handover:
        text = _("Change of legal domain: hand over to %(domain)s.") % {
            "domain": period.get_domain_display()
        }
        _handover(access, period, text, today)
    return period


@transaction.atomic
def legal_domain_change(
    *, access: PersonAccess, change: DomainChange, today: dt.date | None = None
) -> LegalDomainPeriod:
    """A legal domain begins (and optionally another ends the day before). When the person
    had a legal domain before, the open case gets a follow-up to hand over."""
    require_owner(access)
    today = today or timezone.localdate()
    had_before = LegalDomainPeriod.objects.filter(person=access.person).exists()
    period = _begin(access, change, today, handover=had_before)
    legal_domains_derive(person=access.person)
    return period


@transaction.atomic
def legal_domain_end(
    *,
    access: PersonAccess,
    period: LegalDomainPeriod,
    ended_on: dt.date,
    today: dt.date | None = None,
) -> LegalDomainPeriod:
    """A legal domain ends without a successor recorded yet (e.g. youth welfare at 21):
    the open case gets a follow-up to arrange what comes next."""
    require_owner(access, period)
    today = today or timezone.localdate()
    if period.ended_on is not None:
        raise ValidationError({"ended_on": [_("This legal domain has already ended.")]})
    _check_dates(period.started_on, ended_on, today)
    period.ended_on = ended_on
    period.full_clean()
    period.save(update_fields=["ended_on", "updated_at"])
    entry_audit(access=access, action=AuditEvent.Action.UPDATE, obj=period)
    text = _("%(domain)s has ended: arrange the handover to the next office.") % {
        "domain": period.get_domain_display()
    }
    _handover(access, period, text, today)
    legal_domains_derive(person=access.person)
    return period


@transaction.atomic
def legal_domain_period_delete(*, access: PersonAccess, period: LegalDomainPeriod) -> None:
    """Remove a period recorded by mistake; the derived set follows."""
    require_owner(access, period)
    entry_audit(access=access, action=AuditEvent.Action.DELETE, obj=period)
    period.delete()
    legal_domains_derive(person=access.person)


def legal_domains_reconcile(
    *, access: PersonAccess, domains: list[str], today: dt.date | None = None
) -> None:
    """Bring the history in line with a chosen set (intake, relocation copy): domains no
    longer chosen end yesterday, new ones begin today. The caller holds the transaction."""
    require_owner(access)
    today = today or timezone.localdate()
    periods = open_periods(access.person.pk)
    if current_domains(periods) == [d for d in LegalDomain.values if d in domains]:
        return
    had_before = LegalDomainPeriod.objects.filter(person=access.person).exists()
    for p in periods:
        if p.domain not in domains:
            p.ended_on = max(today - DAY, p.started_on)
            p.save(update_fields=["ended_on", "updated_at"])
            entry_audit(access=access, action=AuditEvent.Action.UPDATE, obj=p)
    open_now = {p.domain for p in periods if p.domain in domains}
    for domain in domains:
        if domain not in open_now:
            _begin(access, DomainChange(domain, today), today, handover=had_before)
    legal_domains_derive(person=access.person)


@dataclass(frozen=True)
class InterpreterData:
    language: str
    needed: bool = True
    note: str = ""


@transaction.atomic
def interpreter_need_set(*, access: PersonAccess, data: InterpreterData) -> InterpreterNeed:
    """Record (or change) the interpreter need in one language: one row per language."""
    require_owner(access)
    if not is_language(data.language):
        raise ValidationError({"language": [_("Choose a language from the list.")]})
    need = InterpreterNeed.objects.filter(person=access.person, language=data.language).first()
    action = AuditEvent.Action.UPDATE
    if need is None:
        need = InterpreterNeed(
            alliance_id=access.person.alliance_id, person=access.person, language=data.language
        )
        action = AuditEvent.Action.CREATE
    need.needed, need.note = data.needed, data.note.strip()
    need.full_clean()
    need.save()
    entry_audit(access=access, action=action, obj=need)
    return need


@transaction.atomic
def interpreter_need_delete(*, access: PersonAccess, need: InterpreterNeed) -> None:
    require_owner(access, need)
    entry_audit(access=access, action=AuditEvent.Action.DELETE, obj=need)
    need.delete()
