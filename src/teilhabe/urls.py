from django.contrib import admin
from django.urls import include, path

from teilhabe.api.api import api

urlpatterns = [
    path("", include("teilhabe.core.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("geografie/", include("teilhabe.municipalities.urls")),
    path("b/<slug:alliance_slug>/personen/", include("teilhabe.people.urls")),
    path("b/<slug:alliance_slug>/buendnis/", include("teilhabe.alliances.urls_alliance")),
    path("land/", include("teilhabe.alliances.urls_state")),
    path("api/", api.urls),
    path("verwaltung/", admin.site.urls),
]
