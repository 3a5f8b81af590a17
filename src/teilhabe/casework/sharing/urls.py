"""Sharing: consents and referrals, under /b/<alliance>/personen/."""

from django.urls import path

from teilhabe.casework.sharing import views, views_referrals

app_name = "sharing"
urlpatterns = [
    # Consents (the owning organisation's case managers)
    path(
        "<uuid:person_id>/einwilligungen/neu/",
        views.consent_create_view,
        name="consent_create",
    ),
    path(
        "<uuid:person_id>/einwilligungen/formular/",
        views.consent_form_pdf_view,
        name="consent_form_pdf",
    ),
    path("einwilligungen/<uuid:consent_id>/", views.consent_detail_view, name="consent_detail"),
    path(
        "einwilligungen/<uuid:consent_id>/widerrufen/",
        views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path(
        "einwilligungen/<uuid:consent_id>/formular/",
        views.consent_pdf_view,
        name="consent_pdf",
    ),
    path(
        "einwilligungen/<uuid:consent_id>/nachweis/",
        views.consent_evidence_view,
        name="consent_evidence",
    ),
    path(
        "einwilligungen/<uuid:consent_id>/nachweis/hochladen/",
        views.consent_evidence_upload_view,
        name="consent_evidence_upload",
    ),
    # Referrals (sender and receiver)
    path(
        "<uuid:person_id>/vermittlungen/neu/",
        views_referrals.referral_create_view,
        name="referral_create",
    ),
    path("vermittlungen/", views_referrals.referral_inbox_view, name="referral_inbox"),
    path(
        "vermittlungen/<uuid:referral_id>/",
        views_referrals.referral_detail_view,
        name="referral_detail",
    ),
    path(
        "vermittlungen/<uuid:referral_id>/antworten/",
        views_referrals.referral_answer_view,
        name="referral_answer",
    ),
    path(
        "vermittlungen/<uuid:referral_id>/zurueckziehen/",
        views_referrals.referral_withdraw_view,
        name="referral_withdraw",
    ),
]
