"""Admin for reference-like data only: the initiative, the default fields of action and the
state budget. Tenant rows (partners, workshops, articles …) are edited through the services."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from teilhabe.alliances.models import FieldOfAction, FundingBudget, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "join_deadline", "implementation_from", "ends_on"]


@admin.register(FieldOfAction)
class FieldOfActionAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "position"]
    search_fields = ["name", "key"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[FieldOfAction]:
        # Only the global defaults: an alliance's own fields belong to its coordinators.
        return super().get_queryset(request).filter(alliance__isnull=True)


@admin.register(FundingBudget)
class FundingBudgetAdmin(admin.ModelAdmin):
    list_display = ["programme", "year", "amount"]
