from django.urls import path  # noqa: F401

app_name = "trajectories_alliance"
urlpatterns: list = []
