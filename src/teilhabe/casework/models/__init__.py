"""Casework models, one module per concern."""

from teilhabe.casework.models.case import (
    CalendarFeed,
    Case,
    CaseStatusChange,
    ClosureReason,
    FollowUp,
    TriState,
)
from teilhabe.casework.models.consents import Consent, ConsentRecipient, DataCategory
from teilhabe.casework.models.contacts import Contact, ContactTopicLink
from teilhabe.casework.models.deputy import Deputy
from teilhabe.casework.models.needs import NeedAssessment, NeedLevel
from teilhabe.casework.models.outcomes import ExitOutcome, Situation
from teilhabe.casework.models.plans import Goal, Step
from teilhabe.casework.models.referrals import Referral

__all__ = [
    "CalendarFeed",
    "Case",
    "CaseStatusChange",
    "ClosureReason",
    "Consent",
    "ConsentRecipient",
    "Contact",
    "ContactTopicLink",
    "DataCategory",
    "Deputy",
    "ExitOutcome",
    "FollowUp",
    "Goal",
    "NeedAssessment",
    "NeedLevel",
    "Referral",
    "Situation",
    "Step",
    "TriState",
]
