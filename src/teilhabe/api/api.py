"""The REST API: OpenAPI 3 at /api/openapi.json, documentation at /api/docs.

Handlers use the same access helpers and services as the pages. Authentication: a
per-organisation API token (`Authorization: Bearer <prefix>.<secret>`) or the session.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

from teilhabe.api import casework, persons
from teilhabe.api.auth import token_auth

api = NinjaAPI(
    title="Teilhabe API",
    version="1",
    description="Teilhabemanagement: Personen, Fälle, Einwilligungen und Vermittlungen "
    "eines Bündnisses.",
    urls_namespace="api",
    auth=[token_auth, django_auth],
    docs_decorator=login_required,
)
api.add_router("/v1/", persons.router)
api.add_router("/v1/", casework.router)
api.add_router("/v1/", "teilhabe.api.alliances.router")
api.add_router("/v1/", "teilhabe.api.reporting.router")
api.add_router("/v1/", "teilhabe.api.offers.router")
api.add_router("/v1/", "teilhabe.api.participations.router")
api.add_router("/v1/", "teilhabe.api.recognition.router")
api.add_router("/v1/", "teilhabe.api.relocation.router")
api.add_router("/v1/", "teilhabe.api.waiting.router")
api.add_router("/v1/", "teilhabe.api.trainings.router")
api.add_router("/v1/", "teilhabe.api.advice.router")
api.add_router("/v1/", "teilhabe.api.documents.router")
api.add_router("/v1/", "teilhabe.api.employers.router")


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A service refused the input: 422 with its translated messages and, where the service
    named them, the fields (`fields`: name → messages), as a form shows them by its fields."""
    body: dict[str, object] = {"detail": exc.messages}
    if hasattr(exc, "error_dict"):
        body["fields"] = exc.message_dict
    return api.create_response(request, body, status=422)


@api.exception_handler(PermissionError)
def permission_error(request: HttpRequest, exc: PermissionError) -> HttpResponse:
    # Never a 403 that confirms the object exists.
    return api.create_response(request, {"detail": "Not Found"}, status=404)
