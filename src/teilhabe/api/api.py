"""The REST API: OpenAPI 3 at /api/openapi.json, documentation at /api/docs.

Handlers use the same access helpers and services as the pages; session authentication
(API tokens per organisation arrive with the casework issue).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from teilhabe.api import persons

api = NinjaAPI(
    title="Teilhabe API",
    version="1",
    description="Teilhabemanagement: Personen und Fälle eines Bündnisses.",
    urls_namespace="api",
    auth=django_auth,
    docs_decorator=login_required,
)
api.add_router("/v1/", persons.router)
