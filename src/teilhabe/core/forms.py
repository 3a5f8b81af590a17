"""Form rendering through KERN UX templates, so every form looks right without markup."""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    form_template_name = "kern/forms/form.html"
    field_template_name = "kern/forms/field.html"
