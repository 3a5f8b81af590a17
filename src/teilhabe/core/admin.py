from django.contrib import admin

from teilhabe.core.models import Alliance, Membership, Organisation, StateRole


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "body_kind"]
    search_fields = ["name", "slug"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "alliance", "kind", "is_lead_office"]
    list_filter = ["kind"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role"]


@admin.register(StateRole)
class StateRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role"]
