"""Sharing: consents and referrals, under /b/<alliance>/personen/."""

from django.urls import path

from teilhabe.casework.sharing.views import consents, referrals

app_name = "sharing"
urlpatterns = [
    # Consents (the owning organisation's case managers)
    path(
        "<uuid:person_id>/einwilligungen/neu/",
        consents.consent_create,
        name="consent_create",
    ),
    path(
        "<uuid:person_id>/einwilligungen/formular/",
        consents.consent_form_pdf,
        name="consent_form_pdf",
    ),
    path("einwilligungen/<uuid:consent_id>/", consents.consent_detail, name="consent_detail"),
    path(
        "einwilligungen/<uuid:consent_id>/widerrufen/",
        consents.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "einwilligungen/<uuid:consent_id>/formular/",
        consents.consent_pdf,
        name="consent_pdf",
    ),
    path(
        "einwilligungen/<uuid:consent_id>/nachweis/",
        consents.consent_evidence,
        name="consent_evidence",
    ),
    path(
        "einwilligungen/<uuid:consent_id>/nachweis/hochladen/",
        consents.consent_evidence_upload,
        name="consent_evidence_upload",
    ),
    # Referrals (sender and receiver)
    path(
        "<uuid:person_id>/vermittlungen/neu/",
        referrals.referral_create,
        name="referral_create",
    ),
    path("vermittlungen/", referrals.referral_inbox, name="referral_inbox"),
    path(
        "vermittlungen/<uuid:referral_id>/",
        referrals.referral_detail,
        name="referral_detail",
    ),
    path(
        "vermittlungen/<uuid:referral_id>/antworten/",
        referrals.referral_answer,
        name="referral_answer",
    ),
    path(
        "vermittlungen/<uuid:referral_id>/zurueckziehen/",
        referrals.referral_withdraw,
        name="referral_withdraw",
    ),
]
