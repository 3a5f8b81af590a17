"""Saved filters: a user's named filter values of one list, kept on the server.

Writes go through the services below (keyword-only, atomic) like every write, but they are
not audited: a saved filter is the user's own UI preference, it reads or changes no
person's data (applying it runs the list's access-checked query like any other filter).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from teilhabe.core.models import SavedFilter
from teilhabe.core.roles import Principal

MAX_FILTERS = 50  # per user, alliance and list: a preference list, not a store
MAX_VALUE_LENGTH = 200


def saved_filters_for(principal: Principal, list_name: str) -> QuerySet[SavedFilter]:
    """The principal's own saved filters of a list in its alliance."""
    return SavedFilter.objects.filter(
        Q(user_id=principal.user.pk), alliance=principal.alliance, list_name=list_name
    )


def saved_filter_get(
    principal: Principal, list_name: str, saved_filter_id: uuid.UUID | str
) -> SavedFilter:
    """One of the principal's saved filters; 404 for anyone else's (or an unknown id)."""
    try:
        return saved_filters_for(principal, list_name).get(pk=saved_filter_id)
    except (SavedFilter.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def clean_query(values: Mapping[str, str], allowed: Iterable[str]) -> dict[str, str]:
    """The filter values worth keeping: known names, non-empty, of bounded length."""
    return {
        name: str(values[name])[:MAX_VALUE_LENGTH]
        for name in allowed
        if name in values and str(values[name]).strip()
    }


@transaction.atomic
def saved_filter_create(
    *, principal: Principal, list_name: str, name: str, query: Mapping[str, str]
) -> SavedFilter:
    """Saves the filter values under a name; a filter of the same name is replaced, so
    "save again" updates it."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Please enter a name for the filter.")})
    if len(name) > SavedFilter._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ValidationError({"name": _("The name is too long.")})
    existing = saved_filters_for(principal, list_name)
    if not existing.filter(name=name).exists() and existing.count() >= MAX_FILTERS:
        raise ValidationError(
            _("You have saved %(count)d filters; please delete one first.") % {"count": MAX_FILTERS}
        )
    saved = existing.filter(name=name).first()
    if saved is None:
        user = cast(User, principal.user)  # a member of the alliance: signed in
        saved = SavedFilter(user=user, alliance=principal.alliance, list_name=list_name, name=name)
    saved.query = dict(query)
    saved.save()
    return saved


@transaction.atomic
def saved_filter_delete(
    *, principal: Principal, list_name: str, saved_filter_id: uuid.UUID | str
) -> None:
    saved_filter_get(principal, list_name, saved_filter_id).delete()
