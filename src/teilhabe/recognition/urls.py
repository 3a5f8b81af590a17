from django.urls import path

from teilhabe.recognition import views

app_name = "recognition"

urlpatterns = [
    path("zeugnis/<uuid:certificate_id>/neu/", views.procedure_open, name="procedure_open"),
    path("<uuid:procedure_id>/entscheidung/", views.procedure_decide, name="procedure_decide"),
    path(
        "<uuid:procedure_id>/zurueckgezogen/",
        views.procedure_withdraw,
        name="procedure_withdraw",
    ),
]
