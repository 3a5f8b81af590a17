"""Offer quality under the catalogue's address (`/b/<alliance>/angebote/qualitaet/`)."""

from django.urls import path

from teilhabe.trajectories.views import quality

app_name = "offer_quality"
urlpatterns = [
    path("", quality.quality, name="report"),
    path("export/", quality.quality_export, name="export"),
]
