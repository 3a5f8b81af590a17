"""Every write of the alliances app, split by concern; import them from here."""

from teilhabe.alliances.services.alliance import (
    core_group_member_add,
    core_group_member_remove,
    field_of_action_create,
    partner_create,
    partner_update,
    post_create,
    post_update,
)
from teilhabe.alliances.services.funding import (
    document_download_record,
    expenditure_report_create,
    funding_allocation_set,
    funding_budget_set,
    funding_export_record,
)
from teilhabe.alliances.services.joining import (
    join_declaration_accept,
    join_declaration_record,
    join_declaration_reject,
    programme_update,
)
from teilhabe.alliances.services.knowledge import (
    article_create,
    article_update,
    contact_point_create,
    contact_point_update,
)
from teilhabe.alliances.services.staff import membership_set_need_to_know
from teilhabe.alliances.services.workshops import (
    priority_create,
    priority_update,
    problem_report_create,
    workshop_create,
    workshop_update,
)

__all__ = [
    "article_create",
    "article_update",
    "contact_point_create",
    "contact_point_update",
    "core_group_member_add",
    "core_group_member_remove",
    "document_download_record",
    "expenditure_report_create",
    "field_of_action_create",
    "funding_allocation_set",
    "funding_budget_set",
    "funding_export_record",
    "join_declaration_accept",
    "join_declaration_record",
    "join_declaration_reject",
    "membership_set_need_to_know",
    "partner_create",
    "partner_update",
    "post_create",
    "post_update",
    "priority_create",
    "priority_update",
    "problem_report_create",
    "programme_update",
    "workshop_create",
    "workshop_update",
]
