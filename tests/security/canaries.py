"""Plant unique canary strings in every free-text field of the rows a persona must not see.

Rather than a hand-picked list of fields (which would miss the next one added), every
CharField/TextField without choices of every tenant model (a model with an `alliance` FK)
gets a unique token, written with queryset.update so no service or form can filter it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, models
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance, AuditEvent

# Token prefixes (lower case; scanned case-insensitively).
PERSONAL_B = "zxcanp"  # personal data of alliance B: nobody outside B may see it
ADMIN_B = "zxcana"  # B's alliance administration: no persona of A may see it
JMD_A = "zxcanj"  # the JMD A person's data: only the JMD's case manager may see it
OWNER_A = "zxcant"  # owner-only casework of person A: only its case manager may see it

# Administrative data of an alliance (visible to state roles by design).
ADMIN_APPS = {"alliances", "offers", "core"}
# Tokens would break references (hashes, content types, codes) without showing anywhere.
SKIP_FIELDS = {"token_hash", "prefix", "file_sha256", "search_key", "object_type", "request_id"}
MIN_LENGTH = 12


@dataclass
class Planted:
    fields: dict[str, int] = field(default_factory=dict)  # "app.Model.field" → rows
    serial: itertools.count = field(default_factory=itertools.count)

    @property
    def total(self) -> int:
        return sum(self.fields.values())


def tenant_models() -> list[type[models.Model]]:
    """Tenant models whose table exists (another area's model may not be migrated yet)."""
    tables = set(connection.introspection.table_names())
    out = []
    for model in apps.get_models():
        if model._meta.db_table not in tables:
            continue
        try:
            f = model._meta.get_field("alliance")
        except Exception:  # noqa: S112  (no alliance field: not a tenant model)
            continue
        if f.is_relation and f.related_model is Alliance:
            out.append(model)
    return out


def text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.name not in SKIP_FIELDS
        and not f.name.endswith("content_type")
        and (f.max_length or 10_000) >= MIN_LENGTH
    ]


def _stamp(qs: models.QuerySet, prefix: str, planted: Planted) -> None:
    model = qs.model
    for f in text_fields(model):
        n = 0
        for pk in qs.values_list("pk", flat=True):
            token = f"{prefix}{next(planted.serial):06d}"
            model._base_manager.filter(pk=pk).update(**{f.name: token})
            n += 1
        if n:
            key = f"{model._meta.label}.{f.name}"
            planted.fields[key] = planted.fields.get(key, 0) + n


def plant(
    *, alliance_b: Alliance, jmd_person_ids: Iterable[object], owner_case_id: object
) -> Planted:
    from teilhabe.casework.models import Contact, Goal, NeedAssessment, Step
    from teilhabe.people.models import Person

    planted = Planted()
    with scopes_disabled():
        for model in tenant_models():
            if model is AuditEvent:
                continue  # B's audit rows carry no free text typed by users
            prefix = ADMIN_B if model._meta.app_label in ADMIN_APPS else PERSONAL_B
            _stamp(model._base_manager.filter(alliance=alliance_b), prefix, planted)
        # Organisation level inside alliance A.
        for model in tenant_models():
            if any(f.name == "person" for f in model._meta.concrete_fields):
                qs = model._base_manager.filter(person_id__in=list(jmd_person_ids))
                _stamp(qs, JMD_A, planted)
        _stamp(Person._base_manager.filter(pk__in=list(jmd_person_ids)), JMD_A, planted)
        for model in (Contact, NeedAssessment, Goal):
            _stamp(model._base_manager.filter(case_id=owner_case_id), OWNER_A, planted)
        _stamp(Step._base_manager.filter(goal__case_id=owner_case_id), OWNER_A, planted)
    return planted
