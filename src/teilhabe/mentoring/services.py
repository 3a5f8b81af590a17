"""Writes of the mentoring app: keyword-only, atomic, audited in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.mentoring.models import CheckIn, MentoringPair, VolunteerProfile
from teilhabe.people.access import Accompanied, PersonAccess, accompaniment_consents


def _user(principal: Principal) -> User | None:
    return principal.user if isinstance(principal.user, User) else None


def _volunteer_org(principal: Principal, organisation_id: Any) -> Organisation:
    org = next(
        (o for o in principal.organisations(Role.VOLUNTEER) if o.pk == organisation_id), None
    )
    if org is None:
        raise Http404
    return org


@transaction.atomic
def volunteer_profile_set(
    *,
    principal: Principal,
    organisation: Organisation,
    availability: str,
    languages: str,
    skills: str,
) -> VolunteerProfile:
    """The volunteer registers or edits their own profile; saving it is their consent
    (given anew after a withdrawal)."""
    org = _volunteer_org(principal, organisation.pk)
    profile, created = VolunteerProfile.objects.get_or_create(
        user_id=principal.user.pk or 0,
        organisation=org,
        defaults={"alliance_id": org.alliance_id, "consent_given_on": timezone.localdate()},
    )
    profile.availability, profile.languages, profile.skills = availability, languages, skills
    if profile.consent_withdrawn_on is not None:
        profile.consent_given_on, profile.consent_withdrawn_on = timezone.localdate(), None
    profile.save()
    audit_record(
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=org,
        obj=profile,
    )
    return profile


@transaction.atomic
def volunteer_profile_withdraw(*, principal: Principal, profile: VolunteerProfile) -> None:
    """The volunteer withdraws their consent: the profile's details are erased and it is no
    longer offered for new pairs."""
    if profile.user_id != principal.user.pk:
        raise Http404
    profile.availability = profile.languages = profile.skills = ""
    profile.consent_withdrawn_on = timezone.localdate()
    profile.save()
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=profile.organisation,
        obj=profile,
        purpose="volunteer consent withdrawn",
    )


@transaction.atomic
def mentoring_pair_create(
    *,
    access: PersonAccess,
    volunteer: VolunteerProfile,
    goal: str,
    started_on: dt.date,
) -> MentoringPair:
    """The owning case manager pairs the person with a volunteer — only while an active
    consent of the category "accompaniment" names the volunteer's organisation."""
    if not access.is_owner:
        raise Http404
    if volunteer.alliance_id != access.person.alliance_id or volunteer.consent_withdrawn_on:
        raise ValidationError({"volunteer": _("This volunteer cannot be chosen.")})
    key = (access.person.pk, volunteer.organisation_id)
    consents = accompaniment_consents([key]).get(key)
    if not consents:
        raise ValidationError(
            _(
                "No active consent of the person to accompaniment by volunteers names "
                "%(organisation)s. Record the consent first."
            )
            % {"organisation": volunteer.organisation.name},
            code="consent",
        )
    pair = MentoringPair.objects.create(
        alliance_id=access.person.alliance_id,
        person=access.person,
        volunteer=volunteer,
        organisation_id=volunteer.organisation_id,
        case_manager=_user(access.principal),
        goal=goal,
        started_on=started_on,
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=access.principal.user,
        alliance=access.principal.alliance,
        organisation=access.organisation,
        obj=pair,
        consent_id=consents[0],
    )
    return pair


@transaction.atomic
def mentoring_pair_close(
    *, access: PersonAccess, pair: MentoringPair, ended_on: dt.date, end_reason: str
) -> None:
    if not access.is_owner or pair.person_id != access.person.pk or pair.ended_on:
        raise Http404
    if end_reason not in MentoringPair.EndReason.values:
        raise ValidationError({"end_reason": _("Choose a reason.")})
    if ended_on < pair.started_on:
        raise ValidationError({"ended_on": _("The end lies before the start.")})
    pair.ended_on, pair.end_reason = ended_on, end_reason
    pair.save(update_fields=["ended_on", "end_reason", "updated_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=access.principal.alliance,
        organisation=access.organisation,
        obj=pair,
        purpose="pair ended",
    )


@transaction.atomic
def checkin_record(*, principal: Principal, pair: MentoringPair, on: dt.date, note: str) -> CheckIn:
    """The volunteer organisation's coordinator notes how an active pair is doing."""
    coordinated = {o.pk for o in principal.organisations(Role.COORDINATOR)}
    if pair.organisation_id not in coordinated or pair.ended_on is not None:
        raise Http404
    checkin = CheckIn.objects.create(
        alliance_id=pair.alliance_id, pair=pair, on=on, note=note, recorded_by=_user(principal)
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=pair.organisation,
        obj=checkin,
    )
    return checkin


def accompaniment_view_record(
    *, principal: Principal, pair: MentoringPair, accompanied: Accompanied
) -> None:
    """The volunteer's read is a disclosure (§ 67d SGB X), one per consent relied on, like
    a partner's read through a consent; the Art. 15 answer counts them."""
    for consent_id in accompanied.consent_ids:
        audit_record(
            action=AuditEvent.Action.DISCLOSE,
            actor=principal.user,
            alliance=principal.alliance,
            organisation=pair.organisation,
            object_type="people.person",
            object_id=accompanied.person_id,
            consent_id=consent_id,
            purpose="accompaniment",
        )
