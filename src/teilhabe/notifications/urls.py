from django.urls import path

from teilhabe.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("anzahl/", views.notification_badge, name="badge"),
    path("alle-gelesen/", views.notifications_read_all, name="read_all"),
    path("einstellungen/", views.notification_preferences, name="preferences"),
    path("<int:notification_id>/", views.notification_open, name="open"),
]
