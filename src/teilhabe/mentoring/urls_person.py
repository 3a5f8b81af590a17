from django.urls import path

from teilhabe.mentoring import views

app_name = "mentoring_person"

urlpatterns = [
    path("neu/", views.pair_create, name="pair_create"),
    path("<uuid:pair_id>/beenden/", views.pair_close, name="pair_close"),
]
