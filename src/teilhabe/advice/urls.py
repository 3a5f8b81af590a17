"""Advice and case consultations under /b/<alliance_slug>/beratung/ (scoped by the
middleware)."""

from django.urls import path

from teilhabe.advice import consultation_views as consultations
from teilhabe.advice import views

app_name = "advice"
urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("neu/", views.request_new, name="request_new"),
    path("eingang/", views.inbox, name="inbox"),
    path("anfragen/<uuid:request_id>/", views.request_detail, name="request_detail"),
    path("anfragen/<uuid:request_id>/uebernehmen/", views.request_accept, name="request_accept"),
    path("anfragen/<uuid:request_id>/abschliessen/", views.request_close, name="request_close"),
    path("anfragen/<uuid:request_id>/artikel/", views.request_article, name="request_article"),
    path("fallberatung/", consultations.consultation_list, name="consultation_list"),
    path("fallberatung/neu/", consultations.consultation_new, name="consultation_new"),
    path(
        "fallberatung/<uuid:consultation_id>/",
        consultations.consultation_detail,
        name="consultation_detail",
    ),
    path(
        "fallberatung/<uuid:consultation_id>/teilnehmen/",
        consultations.consultation_join,
        name="consultation_join",
    ),
    path(
        "fallberatung/<uuid:consultation_id>/fall/neu/",
        consultations.presentation_new,
        name="presentation_new",
    ),
    path(
        "fallberatung/<uuid:consultation_id>/protokoll/",
        consultations.consultation_minutes,
        name="consultation_minutes",
    ),
]
