from django.urls import path

from teilhabe.mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.my_pairs, name="my_pairs"),
    path("profil/", views.profile_edit, name="profile"),
    path("profil/widerrufen/", views.profile_withdraw, name="profile_withdraw"),
    path("koordination/", views.coordination, name="coordination"),
    path("koordination/<uuid:pair_id>/treffen/", views.checkin_create, name="checkin_create"),
    path("<uuid:pair_id>/", views.pair_detail, name="pair_detail"),
]
