"""Writes of the profile: schooling, interests and goals, legal domains, certificates and
experience entries. Every write is for the owning organisation and audited."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.models import AuditEvent
from teilhabe.employers.access import choosable
from teilhabe.people.access import PersonAccess, require_owner
from teilhabe.people.countries import is_country
from teilhabe.people.domains.services import legal_domains_reconcile
from teilhabe.people.models import Certificate, Experience, LegalDomain, Profile
from teilhabe.people.services import entry_audit


@dataclass(frozen=True)
class ProfileData:
    school_years_abroad: int | None = None
    school_years_germany: int | None = None
    interests: str = ""
    goals: str = ""
    # None leaves the legal domains as they are; a list goes through the dated history
    # (people.domains.services), the one writer of Profile.legal_domains.
    legal_domains: list[str] | None = None


@dataclass(frozen=True)
class CertificateData:
    title: str
    country: str
    level: str
    issued_on: dt.date | None = None
    recognition: str = Certificate.Recognition.NOT_APPLIED


@dataclass(frozen=True)
class ExperienceData:
    kind: str
    title: str
    employer: str = ""
    country: str = ""
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    employer_entry_id: uuid.UUID | None = None  # a firm of the alliance's directory


def check_legal_domains(domains: list[str]) -> list[str]:
    """The responsible legal domains: known values; "none" stands alone."""
    if any(d not in LegalDomain.values for d in domains):
        raise ValidationError({"legal_domains": [_("Choose legal domains from the list.")]})
    if LegalDomain.NONE in domains and len(domains) > 1:
        raise ValidationError(
            {
                "legal_domains": [
                    _("“None” cannot be combined with a legal domain. Choose one or the other.")
                ]
            }
        )
    return [d for d in LegalDomain.values if d in domains]  # stored in a stable order


@transaction.atomic
def profile_update(*, access: PersonAccess, data: ProfileData) -> Profile:
    require_owner(access)
    values = asdict(data)
    domains = values.pop("legal_domains")
    if domains is not None:
        domains = check_legal_domains(domains)
    profile = Profile.objects.filter(person=access.person).first()
    action = AuditEvent.Action.UPDATE
    if profile is None:
        profile = Profile(alliance_id=access.person.alliance_id, person=access.person)
        action = AuditEvent.Action.CREATE
    for name, value in values.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    entry_audit(access=access, action=action, obj=profile)
    if domains is not None:
        legal_domains_reconcile(access=access, domains=domains)
        profile.refresh_from_db(fields=["legal_domains"])
    return profile


def _check_country(errors: dict[str, list[str]], code: str, required: bool) -> None:
    if (required or code) and not is_country(code):
        errors["country"] = [_("Choose a country from the list.")]


def _check_period(errors: dict[str, list[str]], data: ExperienceData) -> None:
    if data.started_on and data.ended_on and data.ended_on < data.started_on:
        errors["ended_on"] = [_("The end cannot lie before the start.")]


@transaction.atomic
def certificate_add(*, access: PersonAccess, data: CertificateData) -> Certificate:
    require_owner(access)
    errors: dict[str, list[str]] = {}
    _check_country(errors, data.country, required=True)
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    certificate = Certificate(
        alliance_id=access.person.alliance_id, person=access.person, **asdict(data)
    )
    certificate.full_clean()
    certificate.save()
    entry_audit(access=access, action=AuditEvent.Action.CREATE, obj=certificate)
    return certificate


@transaction.atomic
def certificate_update(
    *, access: PersonAccess, certificate: Certificate, data: CertificateData
) -> Certificate:
    require_owner(access, certificate)
    errors: dict[str, list[str]] = {}
    _check_country(errors, data.country, required=True)
    # With a recognition procedure, the procedure's state is the recognition (one truth).
    if (
        data.recognition != certificate.recognition and certificate.recognition_procedures.exists()  # type: ignore[attr-defined]
    ):
        errors["recognition"] = [
            _("The recognition follows the recognition procedure. Record its decision there.")
        ]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    for name, value in asdict(data).items():
        setattr(certificate, name, value)
    certificate.full_clean()
    certificate.save()
    entry_audit(access=access, action=AuditEvent.Action.UPDATE, obj=certificate)
    return certificate


@transaction.atomic
def certificate_delete(*, access: PersonAccess, certificate: Certificate) -> None:
    require_owner(access, certificate)
    entry_audit(access=access, action=AuditEvent.Action.DELETE, obj=certificate)
    certificate.delete()


def _check_employer(
    errors: dict[str, list[str]], access: PersonAccess, data: ExperienceData
) -> None:
    if data.employer_entry_id is None:
        return
    if not choosable(access.person.alliance_id).filter(pk=data.employer_entry_id).exists():
        errors["employer_entry"] = [_("Choose a firm of this alliance's directory.")]


@transaction.atomic
def experience_add(*, access: PersonAccess, data: ExperienceData) -> Experience:
    require_owner(access)
    errors: dict[str, list[str]] = {}
    _check_country(errors, data.country, required=False)
    _check_period(errors, data)
    _check_employer(errors, access, data)
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    experience = Experience(
        alliance_id=access.person.alliance_id, person=access.person, **asdict(data)
    )
    experience.full_clean()
    experience.save()
    entry_audit(access=access, action=AuditEvent.Action.CREATE, obj=experience)
    return experience


@transaction.atomic
def experience_update(
    *, access: PersonAccess, experience: Experience, data: ExperienceData
) -> Experience:
    require_owner(access, experience)
    errors: dict[str, list[str]] = {}
    _check_country(errors, data.country, required=False)
    _check_period(errors, data)
    _check_employer(errors, access, data)
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    for name, value in asdict(data).items():
        setattr(experience, name, value)
    experience.full_clean()
    experience.save()
    entry_audit(access=access, action=AuditEvent.Action.UPDATE, obj=experience)
    return experience


@transaction.atomic
def experience_delete(*, access: PersonAccess, experience: Experience) -> None:
    require_owner(access, experience)
    entry_audit(access=access, action=AuditEvent.Action.DELETE, obj=experience)
    experience.delete()
