from django.urls import path

from teilhabe.municipalities import views

app_name = "municipalities"
urlpatterns = [
    path("", views.kreis_list, name="kreis_list"),
    path("<str:kreis_key>/", views.kreis_detail, name="kreis_detail"),
]
