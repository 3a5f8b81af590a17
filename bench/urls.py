"""The application's URLs plus one bare view: the reference for the case page throughput."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare_view(request: HttpRequest) -> HttpResponse:
    """Does nothing: what remains is the framework, the middleware stack and the session."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare_view, name="bench_bare"),
    path("", include("teilhabe.urls")),
]
