from django.urls import path  # noqa: F401

app_name = "reporting_state"
urlpatterns: list = []
