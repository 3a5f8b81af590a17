"""The calendar feed at /kalender/<secret>.ics, outside the alliance URLs (no login)."""

from django.urls import path

from teilhabe.casework.work.calendar_views import calendar_ics

urlpatterns = [path("<str:token>.ics", calendar_ics, name="calendar_feed_ics")]
