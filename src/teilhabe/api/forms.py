"""The form of the API token pages. It only validates input; api.tokens decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.api.tokens import token_roles_held
from teilhabe.core.models import Organisation, Role

ROLE_CHOICES = [
    (Role.CASE_MANAGER.value, Role.CASE_MANAGER.label),
    (Role.PARTNER_STAFF.value, Role.PARTNER_STAFF.label),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the name of the connected system."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=ROLE_CHOICES,
        help_text=_("The token acts with this role for the organisation. You must hold it."),
    )

    def __init__(self, *args: Any, principal: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        held = token_roles_held(principal)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o, _r in held]).order_by(
            "name"
        )
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        roles = {r for _o, r in held}
        role_field.choices = [(v, label) for v, label in ROLE_CHOICES if v in roles]
