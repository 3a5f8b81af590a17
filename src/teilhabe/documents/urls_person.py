from django.urls import path

from teilhabe.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("neu/", views.document_upload, name="upload"),
    path("<uuid:document_id>/bearbeiten/", views.document_edit, name="edit"),
    path("<uuid:document_id>/loeschen/", views.document_delete, name="delete"),
    path("<uuid:document_id>/datei/", views.document_download, name="download"),
]
