from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString

from teilhabe.people.sections import RenderedSection, person_url

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context: Context, section: RenderedSection) -> SafeString:
    """Render a section's template with the page context plus the section's own context
    (an include cannot spread a dict; context processors are not run again)."""
    tpl = context.template.engine.get_template(section.template)  # type: ignore[union-attr]
    with context.push(**section.context):
        html = tpl.render(context)  # type: ignore[union-attr]
    # The anchor that people.sections.person_url points at.
    return format_html('<div id="abschnitt-{}">{}</div>', section.key, html)


@register.simple_tag(takes_context=True)
def person_section_url(context: Context, person_id: Any, section: str = "") -> str:
    """`people.sections.person_url` for templates: the person page at a section."""
    return person_url(context["request"].alliance.slug, person_id, section)
