from __future__ import annotations

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString

from teilhabe.people.sections import RenderedSection

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context: Context, section: RenderedSection) -> SafeString:
    """Render a section's template with the page context plus the section's own context
    (an include cannot spread a dict; context processors are not run again)."""
    tpl = context.template.engine.get_template(section.template)  # type: ignore[union-attr]
    with context.push(**section.context):
        return tpl.render(context)  # type: ignore[return-value]
