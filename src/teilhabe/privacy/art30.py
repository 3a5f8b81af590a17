"""The record of processing activities (Art. 30 GDPR) of one organisation, generated from
the field classification, the organisation's retention rules and its consents.

One structure (`record`) rendered twice: Markdown (to keep under version control and diff)
and PDF (to hand to the supervisory authority).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core.models import Organisation
from teilhabe.core.pdf import html_to_pdf
from teilhabe.privacy.classification import CATEGORIES, Retention, teilhabe_models
from teilhabe.privacy.fields import registry
from teilhabe.privacy.retention import rules_for

RETENTION_TEXT = {
    Retention.STAFF: gettext_lazy("while the account or partnership lasts"),
    Retention.LOG: gettext_lazy(
        "append-only; its references become pseudonyms when the person is anonymised"
    ),
    Retention.ALLIANCE: gettext_lazy("while the alliance exists"),
}


def record(organisation: Organisation) -> dict[str, Any]:
    from teilhabe.casework.models import ConsentRecipient

    fields_by_category: dict[str, list[str]] = defaultdict(list)
    verbose = {m._meta.label: m for m in teilhabe_models()}
    for label, fields in sorted(registry().items()):
        model = verbose.get(label)
        for name, fc in fields.items():
            if fc.personal and model is not None:
                field = model._meta.get_field(name)
                fields_by_category[fc.category].append(
                    f"{model._meta.verbose_name}: {getattr(field, 'verbose_name', name)}"
                )
    rules = {r.category: r for r in rules_for(organisation)}
    # One distinct list of names, not every consent with its recipients: the register
    # grows with the organisation's consents otherwise (issue 20).
    recipients = sorted(
        set(
            ConsentRecipient.objects.filter(consent__organisation=organisation)
            .values_list("organisation__name", flat=True)
            .distinct()
        )
    )
    activities = []
    for key, category in CATEGORIES.items():
        if key not in fields_by_category:
            continue
        rule = rules.get(key)
        retention = (
            _("%(months)s months %(event)s")
            % {"months": rule.months, "event": rule.get_start_event_display()}
            if rule
            else str(RETENTION_TEXT.get(category.retention, ""))
        )
        activities.append(
            {
                "key": key,
                "category": str(category.label),
                "purpose": str(category.purpose),
                "legal_basis": category.legal_basis,
                "art9": category.art9,
                "retention": retention,
                "fields": sorted(set(fields_by_category[key])),
            }
        )
    return {
        "organisation": organisation.name,
        "kind": organisation.get_kind_display(),
        "alliance": organisation.alliance.name,
        "generated_on": timezone.localdate().isoformat(),
        "data_subjects": _(
            "young adult refugees of the target group; staff of the partner organisations"
        ),
        "recipients": recipients,
        "activities": activities,
        "measures": _(
            "Access only through the organisation's roles with a second factor; "
            "transfers only under a recorded, specific consent and logged per read; "
            "append-only access log; restriction and retention runs; encrypted transport."
        ),
    }


def render_markdown(data: dict[str, Any]) -> str:
    with translation.override("de"):
        return render_to_string("privacy/art30.md", {"data": data})


def render_pdf(data: dict[str, Any]) -> bytes:
    with translation.override("de"):
        html = render_to_string("privacy/pdf/art30.html", {"data": data})
    return html_to_pdf(html)
