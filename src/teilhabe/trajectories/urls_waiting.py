"""An offer's waiting list under the catalogue's address
(`/b/<alliance>/angebote/warteliste/<offer>/`)."""

from django.urls import path

from teilhabe.trajectories.views import waiting

app_name = "waiting"
urlpatterns = [
    path("<uuid:offer_id>/", waiting.waiting_queue, name="queue"),
    path("<uuid:offer_id>/vergeben/", waiting.waiting_allocate, name="allocate"),
]
