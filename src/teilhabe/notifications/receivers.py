"""Connects the domain events of `teilhabe.core.events` to the notifications they cause."""

from __future__ import annotations

from typing import Any

from teilhabe.core import events as domain
from teilhabe.notifications import events
from teilhabe.notifications.kinds import Kind


def _referral_sent(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.referral_sent(instance)


def _referral_answered(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.referral_answered(instance)


def _report_ready(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.report_ready(instance)


def _import_finished(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.import_finished(instance)


def _export_finished(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.export_finished(instance)


def _relocation_sent(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.relocation_sent(instance)


def _training_registered(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.training_registration(instance, Kind.TRAINING_REGISTERED)


def _training_moved_up(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.training_registration(instance, Kind.TRAINING_MOVED_UP)


def _advice_asked(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.advice_asked(instance)


def _advice_answered(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.advice_answered(instance)


def _advice_replied(sender: Any, instance: Any, **kwargs: Any) -> None:
    events.advice_replied(instance)


def connect() -> None:
    domain.referral_sent.connect(_referral_sent, dispatch_uid="notifications.referral_sent")
    domain.referral_answered.connect(
        _referral_answered, dispatch_uid="notifications.referral_answered"
    )
    domain.report_ready.connect(_report_ready, dispatch_uid="notifications.report_ready")
    domain.import_finished.connect(_import_finished, dispatch_uid="notifications.import_finished")
    domain.export_finished.connect(_export_finished, dispatch_uid="notifications.export_finished")
    domain.relocation_sent.connect(_relocation_sent, dispatch_uid="notifications.relocation_sent")
    domain.training_registered.connect(
        _training_registered, dispatch_uid="notifications.training_registered"
    )
    domain.training_moved_up.connect(_training_moved_up, dispatch_uid="notifications.moved_up")
    domain.advice_asked.connect(_advice_asked, dispatch_uid="notifications.advice_asked")
    domain.advice_answered.connect(_advice_answered, dispatch_uid="notifications.advice_answered")
    domain.advice_replied.connect(_advice_replied, dispatch_uid="notifications.advice_replied")
