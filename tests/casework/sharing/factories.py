"""Factories of the sharing area (referrals, API tokens)."""

from __future__ import annotations

import factory

from teilhabe.api.tokens import IssuedToken, api_token_create
from teilhabe.casework.models import Referral
from teilhabe.core.models import Organisation
from teilhabe.core.roles import Principal


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    alliance = factory.SelfAttribute("case.alliance")
    from_organisation = factory.SelfAttribute("case.organisation")
    purpose = "Beratung zur Ausbildungsplatzsuche"
    categories = factory.LazyFunction(lambda: ["master_data"])
    status = Referral.Status.SENT


def issue_token(organisation: Organisation, role: str) -> IssuedToken:
    """Issued by a member who holds the role there (the only people who may)."""
    from teilhabe.core.models import Membership

    holder = Membership.objects.filter(organisation=organisation, role=role).first()
    assert holder is not None, "nobody holds this role in the organisation"
    principal = Principal.for_alliance(holder.user, organisation.alliance)
    return api_token_create(
        principal=principal, organisation=organisation, role=role, name="Fachverfahren"
    )
