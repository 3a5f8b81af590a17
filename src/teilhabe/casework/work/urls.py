"""Daily casework under /b/<alliance>/personen/<person>/…; namespace people:work."""

from django.urls import path

from teilhabe.casework.work import calendar_views, outcome_views, reminder_views, views

app_name = "work"
urlpatterns = [
    path("kalender/", calendar_views.calendar_feed, name="calendar_feed"),
    path("wiedervorlagen/sammel/", reminder_views.reminders_bulk, name="reminders_bulk"),
    path(
        "<uuid:person_id>/wiedervorlagen/neu/",
        reminder_views.reminder_create,
        name="reminder_create",
    ),
    path("<uuid:person_id>/bedarfe/", views.needs_assess, name="needs_assess"),
    path("<uuid:person_id>/bedarfe/verlauf/", views.needs_history, name="needs_history"),
    path("<uuid:person_id>/plan/", views.plan, name="plan"),
    path("<uuid:person_id>/plan/ziele/neu/", views.goal_create, name="goal_create"),
    path("<uuid:person_id>/plan/ziele/<uuid:goal_id>/", views.goal_edit, name="goal_edit"),
    path(
        "<uuid:person_id>/plan/ziele/<uuid:goal_id>/schritte/neu/",
        views.step_create,
        name="step_create",
    ),
    path("<uuid:person_id>/plan/schritte/<uuid:step_id>/", views.step_edit, name="step_edit"),
    path(
        "<uuid:person_id>/plan/schritte/<uuid:step_id>/status/",
        views.step_status,
        name="step_status",
    ),
    path("<uuid:person_id>/kontakte/", views.contacts, name="contacts"),
    path("<uuid:person_id>/kontakte/neu/", views.contact_create, name="contact_create"),
    path(
        "<uuid:person_id>/faelle/<uuid:work_case_id>/abschliessen/",
        views.case_close,
        name="case_close",
    ),
    path(
        "<uuid:person_id>/faelle/<uuid:work_case_id>/wiedereroeffnen/",
        views.case_reopen,
        name="case_reopen",
    ),
    path(
        "<uuid:person_id>/faelle/<uuid:work_case_id>/verbleib/",
        outcome_views.exit_outcome,
        name="exit_outcome",
    ),
    path(
        "<uuid:person_id>/wiedervorlagen/<uuid:work_followup_id>/erledigt/",
        views.followup_done,
        name="followup_done",
    ),
]
