from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from teilhabe.api.api import api
from teilhabe.core import enrolment_views
from teilhabe.ops import health

# The admin signs in through allauth like every page (lockout, second factor, audit): its own
# login form would bypass them. Signed-in users without staff rights get 403.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    # The load balancer's probe (ops, not a page: `pages` must not import `ops`).
    path("healthz", health.health, name="healthz"),
    path("", include("teilhabe.pages.core_urls")),
    # Before allauth: its TOTP set-up opens only after an enrolment code (core/enrolment.py).
    path("konto/2fa/totp/activate/", enrolment_views.activate_totp),
    path("konto/2fa/einrichtung/", enrolment_views.enrolment, name="mfa_enrolment"),
    path(
        "konto/2fa/einrichtung/code-senden/",
        enrolment_views.enrolment_send,
        name="mfa_enrolment_send",
    ),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("kalender/", include("teilhabe.casework.work.urls_calendar")),
    path("geografie/", include("teilhabe.municipalities.urls")),
    path("b/<slug:alliance_slug>/personen/api-schluessel/", include("teilhabe.api.urls")),
    path(
        "b/<slug:alliance_slug>/personen/<uuid:person_id>/begleitung/",
        include("teilhabe.mentoring.urls_person"),
    ),
    path(
        "b/<slug:alliance_slug>/personen/anerkennung/",
        include("teilhabe.recognition.urls"),
    ),
    path(
        "b/<slug:alliance_slug>/personen/<uuid:person_id>/dokumente/",
        include("teilhabe.documents.urls_person"),
    ),
    path("b/<slug:alliance_slug>/personen/", include("teilhabe.pages.people_urls")),
    path("b/<slug:alliance_slug>/begleitung/", include("teilhabe.mentoring.urls")),
    path("b/<slug:alliance_slug>/buendnis/", include("teilhabe.alliances.urls_alliance")),
    path("b/<slug:alliance_slug>/fortbildungen/", include("teilhabe.trainings.urls")),
    path("b/<slug:alliance_slug>/beratung/", include("teilhabe.advice.urls")),
    path("b/<slug:alliance_slug>/betriebe/", include("teilhabe.employers.urls")),
    path(
        "b/<slug:alliance_slug>/angebote/qualitaet/", include("teilhabe.trajectories.urls_quality")
    ),
    path(
        "b/<slug:alliance_slug>/angebote/warteliste/", include("teilhabe.trajectories.urls_waiting")
    ),
    path("b/<slug:alliance_slug>/angebote/", include("teilhabe.offers.urls")),
    path("b/<slug:alliance_slug>/verlaeufe/", include("teilhabe.trajectories.urls_alliance")),
    path("b/<slug:alliance_slug>/auswertung/", include("teilhabe.reporting.urls_alliance")),
    path("b/<slug:alliance_slug>/daten/", include("teilhabe.transfer.urls")),
    path("b/<slug:alliance_slug>/datenschutz/", include("teilhabe.privacy.urls")),
    path("b/<slug:alliance_slug>/umzuege/", include("teilhabe.relocation.urls")),
    path("land/verlaeufe/", include("teilhabe.trajectories.urls_state")),
    path("land/auswertung/", include("teilhabe.reporting.urls_state")),
    path("land/", include("teilhabe.alliances.urls_state")),
    path("betrieb/", include("teilhabe.ops.urls")),
    path("benachrichtigungen/", include("teilhabe.notifications.urls")),
    path("api/", api.urls),
    path("verwaltung/", admin.site.urls),
]
