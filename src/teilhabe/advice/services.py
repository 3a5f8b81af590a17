"""Writes of advice requests and case consultations: keyword-only, atomic, audited in the
same transaction. The texts were checked by `people.mentions` in the form before; the
services record only whether the author sent despite a warning."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.advice.access import advising_organisations, may_advise
from teilhabe.advice.models import (
    AdviceMessage,
    AdviceRequest,
    CasePresentation,
    Consultation,
    ConsultationParticipant,
)
from teilhabe.alliances.services.knowledge import article_create
from teilhabe.core import events
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal, is_alliance_staff

ARTICLE_REVIEW_DAYS = 365


def _audit(principal: Principal, action: str, obj: object) -> None:
    orgs = principal.organisations()
    audit_record(
        action=action,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=orgs[0] if orgs else None,
        obj=obj,
    )


def _member(principal: Principal) -> User:
    if not principal.is_member or principal.alliance is None:
        raise PermissionError("member of the alliance required")
    return _user(principal)


def _user(principal: Principal) -> User:
    user = principal.user
    if not isinstance(user, User):
        raise PermissionError("signed-in user required")
    return user


def _clean(obj: object) -> None:
    obj.full_clean()  # type: ignore[attr-defined]
    obj.save()  # type: ignore[attr-defined]


@transaction.atomic
def advice_request_create(
    *,
    principal: Principal,
    advising_organisation: Organisation,
    topic: str,
    subject: str,
    body: str,
    confirmed_warning: bool = False,
) -> AdviceRequest:
    """A member asks an advising organisation of the alliance."""
    user = _member(principal)
    assert principal.alliance is not None
    if not advising_organisations(principal.alliance).filter(pk=advising_organisation.pk).exists():
        raise ValidationError(
            {"advising_organisation": _("Select an advising organisation of this alliance.")}
        )
    request = AdviceRequest(
        alliance=principal.alliance,
        asked_by=user,
        advising_organisation=advising_organisation,
        topic=topic,
        subject=subject.strip(),
        asked_at=timezone.now(),
    )
    _clean(request)
    message = AdviceMessage(
        alliance=principal.alliance,
        request=request,
        author=user,
        body=body.strip(),
        confirmed_warning=confirmed_warning,
    )
    _clean(message)
    _audit(principal, AuditEvent.Action.CREATE, request)
    events.advice_asked.send(sender=AdviceRequest, instance=request)
    return request


def _require_advisor(principal: Principal, request: AdviceRequest) -> None:
    if not may_advise(principal, request):
        raise PermissionError("advisor of the asked organisation required")


@transaction.atomic
def advice_request_accept(*, principal: Principal, request: AdviceRequest) -> AdviceRequest:
    """An advisor takes the request: it leaves the shared inbox as theirs."""
    _require_advisor(principal, request)
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status == AdviceRequest.Status.CLOSED:
        raise ValidationError(_("The request has been closed."))
    request.taken_by = principal.user  # type: ignore[assignment]
    request.status = AdviceRequest.Status.TAKEN
    request.save(update_fields=["taken_by", "status", "updated_at"])
    _audit(principal, AuditEvent.Action.UPDATE, request)
    return request


@transaction.atomic
def advice_message_add(
    *,
    principal: Principal,
    request: AdviceRequest,
    body: str,
    confirmed_warning: bool = False,
) -> AdviceMessage:
    """An answer or a question back (advisor), or the asker's reply. The first answer
    sets the response time; an advisor answering takes the request too."""
    advisor = may_advise(principal, request)
    if not advisor and request.asked_by_id != principal.user.pk:
        raise PermissionError("asker or advisor required")
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status == AdviceRequest.Status.CLOSED:
        raise ValidationError(_("The request has been closed."))
    message = AdviceMessage(
        alliance=request.alliance,
        request=request,
        author=_user(principal),
        from_advisor=advisor and request.asked_by_id != principal.user.pk,
        body=body.strip(),
        confirmed_warning=confirmed_warning,
    )
    _clean(message)
    if message.from_advisor:
        request.first_answer_at = request.first_answer_at or message.created_at
        request.taken_by = request.taken_by or principal.user  # type: ignore[assignment]
        request.status = AdviceRequest.Status.TAKEN
        request.save(update_fields=["first_answer_at", "taken_by", "status", "updated_at"])
    _audit(principal, AuditEvent.Action.CREATE, message)
    signal = events.advice_answered if message.from_advisor else events.advice_replied
    signal.send(sender=AdviceMessage, instance=message)
    return message


@transaction.atomic
def advice_request_close(*, principal: Principal, request: AdviceRequest) -> AdviceRequest:
    """The advisor or the asker closes the request."""
    if not may_advise(principal, request) and request.asked_by_id != principal.user.pk:
        raise PermissionError("asker or advisor required")
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    request.status = AdviceRequest.Status.CLOSED
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at", "updated_at"])
    _audit(principal, AuditEvent.Action.UPDATE, request)
    return request


def article_text(request: AdviceRequest) -> str:
    """The question and the advisors' answers as an article's Markdown."""
    parts = []
    for message in request.messages.order_by("created_at", "id"):
        heading = _("Answer") if message.from_advisor else _("Question")
        parts.append(f"# {heading}\n\n{message.body}")
    return "\n\n".join(parts)


@transaction.atomic
def advice_article_create(*, principal: Principal, request: AdviceRequest) -> object:
    """A good answer becomes a knowledge-base article (through the knowledge base's own
    service: coordinators publish)."""
    if request.first_answer_at is None:
        raise ValidationError(_("The request has no answer yet."))
    if request.article_id is not None:
        raise ValidationError(_("The answer is already an article."))
    article = article_create(
        principal=principal,
        title=request.subject,
        body=article_text(request),
        review_on=timezone.localdate() + dt.timedelta(days=ARTICLE_REVIEW_DAYS),
    )
    request.article = article
    request.save(update_fields=["article", "updated_at"])
    _audit(principal, AuditEvent.Action.UPDATE, request)
    return article


@transaction.atomic
def consultation_create(
    *,
    principal: Principal,
    topic: str,
    starts_at: dt.datetime,
    place: str = "",
    online: bool = False,
) -> Consultation:
    """Staff of the alliance schedule a case consultation; the organiser takes part."""
    if not is_alliance_staff(principal) or principal.alliance is None:
        raise PermissionError("staff of the alliance required")
    if not place.strip() and not online:
        raise ValidationError({"place": _("Enter a place or choose online.")})
    consultation = Consultation(
        alliance=principal.alliance,
        topic=topic.strip(),
        starts_at=starts_at,
        place=place.strip(),
        online=online,
        organised_by=_user(principal),
    )
    _clean(consultation)
    ConsultationParticipant.objects.create(
        alliance=principal.alliance, consultation=consultation, user=_user(principal)
    )
    _audit(principal, AuditEvent.Action.CREATE, consultation)
    return consultation


@transaction.atomic
def consultation_participant_add(
    *, principal: Principal, consultation: Consultation
) -> ConsultationParticipant:
    """A member of the alliance joins a consultation (once)."""
    user = _member(principal)
    participant, _created = ConsultationParticipant.objects.get_or_create(
        alliance=consultation.alliance, consultation=consultation, user=user
    )
    _audit(principal, AuditEvent.Action.CREATE, participant)
    return participant


def _participant(principal: Principal, consultation: Consultation) -> None:
    if not consultation.participations.filter(user=_user(principal)).exists():
        raise PermissionError("participant required")


@transaction.atomic
def case_presentation_add(
    *,
    principal: Principal,
    consultation: Consultation,
    title: str,
    summary: str,
    confirmed_warning: bool = False,
) -> CasePresentation:
    """A participant brings an anonymised case."""
    _participant(principal, consultation)
    presentation = CasePresentation(
        alliance=consultation.alliance,
        consultation=consultation,
        presented_by=_user(principal),
        title=title.strip(),
        summary=summary.strip(),
        confirmed_warning=confirmed_warning,
    )
    _clean(presentation)
    _audit(principal, AuditEvent.Action.CREATE, presentation)
    return presentation


@transaction.atomic
def consultation_minutes_record(
    *,
    principal: Principal,
    consultation: Consultation,
    minutes: str,
    confirmed_warning: bool = False,
) -> Consultation:
    """A participant writes the short minutes (each save replaces them)."""
    _participant(principal, consultation)
    consultation.minutes = minutes.strip()
    consultation.minutes_confirmed_warning = confirmed_warning
    consultation.save(update_fields=["minutes", "minutes_confirmed_warning", "updated_at"])
    _audit(principal, AuditEvent.Action.UPDATE, consultation)
    return consultation
