"""The registry of field classifications: app label → model name → field name → class.

The privacy app reads every app's data (Art. 15 answer, retention run, Art. 30 record), so
the declarations of what each field holds live here too, one module per app; apps do not
import the privacy app for them.
"""

from __future__ import annotations

from django.db import models

from teilhabe.privacy.classification import FieldClass, model_fields, teilhabe_models
from teilhabe.privacy.fields import (
    advice,
    alliances,
    api,
    casework,
    core,
    documents,
    employers,
    mentoring,
    municipalities,
    notifications,
    offers,
    ops,
    people,
    privacy,
    recognition,
    relocation,
    reporting,
    trainings,
    trajectories,
    transfer,
)

BY_APP: dict[str, dict[str, dict[str, FieldClass]]] = {
    "advice": advice.CLASSIFICATION,
    "alliances": alliances.CLASSIFICATION,
    "api": api.CLASSIFICATION,
    "casework": casework.CLASSIFICATION,
    "core": core.CLASSIFICATION,
    "documents": documents.CLASSIFICATION,
    "employers": employers.CLASSIFICATION,
    "mentoring": mentoring.CLASSIFICATION,
    "municipalities": municipalities.CLASSIFICATION,
    "notifications": notifications.CLASSIFICATION,
    "offers": offers.CLASSIFICATION,
    "ops": ops.CLASSIFICATION,
    "people": people.CLASSIFICATION,
    "privacy": privacy.CLASSIFICATION,
    "recognition": recognition.CLASSIFICATION,
    "relocation": relocation.CLASSIFICATION,
    "reporting": reporting.CLASSIFICATION,
    "trainings": trainings.CLASSIFICATION,
    "trajectories": trajectories.CLASSIFICATION,
    "transfer": transfer.CLASSIFICATION,
}

_REGISTRY = {
    f"{app_label}.{model_name}": fields
    for app_label, declared in BY_APP.items()
    for model_name, fields in declared.items()
}


def registry() -> dict[str, dict[str, FieldClass]]:
    """`app_label.ModelName` → field name → class."""
    return _REGISTRY


def classification_of(model: type[models.Model]) -> dict[str, FieldClass]:
    return _REGISTRY.get(model._meta.label, {})


def unclassified() -> list[str]:
    """`app.Model.field` for every stored field without an entry."""
    missing = []
    for model in teilhabe_models():
        declared = classification_of(model)
        for f in model_fields(model):
            if f.name not in declared:
                missing.append(f"{model._meta.label}.{f.name}")
    return missing


def stale() -> list[str]:
    """Entries naming a field (or model) that does not exist any more."""
    existing = {m._meta.label: {f.name for f in model_fields(m)} for m in teilhabe_models()}
    out = []
    for label, fields in _REGISTRY.items():
        for name in fields:
            if name not in existing.get(label, set()):
                out.append(f"{label}.{name}")
    return out
