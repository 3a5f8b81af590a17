"""Forms: input checking only; the services decide and write. Rendered by the KERN renderer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.alliances.models import (
    ContactTopic,
    FieldOfAction,
    LeadOfficeType,
    LegalDomain,
    Organiser,
    PriorityStatus,
    ProblemReport,
    SignerFunction,
    WorkshopKind,
    body_display_name,
)
from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.core.models import Alliance, Organisation
from teilhabe.core.plausible import DateField
from teilhabe.core.uploads import document_field
from teilhabe.municipalities.models import Gemeinde, Kreis


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def body_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every body that may join: Kreis-level units per Regierungsbezirk, then the
    kreisangehörige Gemeinden grouped by their Kreis (two queries)."""
    kreise = list(
        Kreis.objects.filter(key__startswith="05")
        .select_related("regierungsbezirk")
        .order_by("key")
    )
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    by_bezirk: dict[str, list[tuple[str, str]]] = {}
    for k in kreise:
        kind = _("independent city") if k.kind == Kreis.Kind.KREISFREIE_STADT else _("district")
        label = f"{body_display_name(k)} ({kind})"
        by_bezirk.setdefault(k.regierungsbezirk.name, []).append((k.key, label))
    groups += list(by_bezirk.items())
    members: dict[str, list[tuple[str, str]]] = {}
    for g in (
        Gemeinde.objects.filter(kreis__key__startswith="05", kreis__kind=Kreis.Kind.KREIS)
        .select_related("kreis")
        .order_by("kreis_id", "name")
    ):
        members.setdefault(body_display_name(g.kreis), []).append((g.ags, g.name))
    groups += [
        (str(_("Municipalities in %(kreis)s") % {"kreis": k}), v) for k, v in members.items()
    ]
    return groups


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    call_published_on = date_field(_("Call to join published on"), required=False)
    join_deadline = date_field(_("Deadline for join declarations"))
    planning_from = date_field(_("Planning phase from"))
    planning_until = date_field(_("Planning phase until"))
    implementation_from = date_field(_("Funded implementation from"))
    ends_on = date_field(_("End of the initiative"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class DeclarationForm(forms.Form):
    body = forms.ChoiceField(
        label=_("Body"),
        help_text=_(
            "An independent city, a district, or a municipality belonging to a district that "
            "joins on its own."
        ),
    )
    received_on = date_field(_("Received on"))
    signed_by_name = forms.CharField(label=_("Signed by (name)"), max_length=200)
    signed_by_function = forms.ChoiceField(
        label=_("Function of the signatory"),
        choices=[("", _("Please select")), *SignerFunction.choices],
        help_text=_("The declaration must be signed by a member of the administrative board."),
    )
    lead_office_type = forms.ChoiceField(
        label=_("Designated lead office"),
        choices=[("", _("Please select")), *LeadOfficeType.choices],
    )
    lead_office_name = forms.CharField(
        label=_("Name of the lead office"),
        max_length=200,
        required=False,
        help_text=_('For example "Kommunales Integrationszentrum Kreis Steinfurt".'),
    )
    kreis_consent_on = date_field(
        _("Consent of the district given on"),
        required=False,
        help_text=_("Required for a municipality that belongs to a district."),
    )
    letter = document_field(_("Signed letter"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        assert isinstance(body, forms.ChoiceField)
        body.choices = [("", _("Please select")), *body_choices()]


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Organisation.Kind.choices)
    legal_domain = forms.ChoiceField(
        label=_("Legal domain it stands for"), choices=LegalDomain.choices
    )
    joined_on = date_field(_("Joined the alliance on"), required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_function = forms.CharField(label=_("Function"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class AllianceBoundForm(forms.Form):
    """A form whose choices come from one alliance's organisations."""

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alliance = alliance
        for name in ("organisation", "responsible"):
            if name in self.fields:
                self.fields[name].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                    alliance=alliance
                ).order_by("name")


class CoreGroupMemberForm(AllianceBoundForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    person_name = forms.CharField(label=_("Representative"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    member_since = date_field(_("Member since"), required=False)


class PostForm(AllianceBoundForm):
    person_name = forms.CharField(label=_("Post holder"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Employing organisation"), queryset=Organisation.objects.none()
    )
    fte = forms.DecimalField(
        label=_("Share of full time"),
        min_value=0.05,
        max_value=1,
        decimal_places=2,
        help_text=_("1.00 = full time, 0.50 = half time."),
    )
    funded_from = date_field(_("Funded from"))
    funded_until = date_field(_("Funded until"), required=False)


class WorkshopForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkshopKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = date_field(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=200)
    organiser = forms.ChoiceField(label=_("Organiser"), choices=Organiser.choices)
    organiser_name = forms.CharField(
        label=_("Name of the organiser"), max_length=200, required=False
    )
    professionals_count = forms.IntegerField(
        label=_("Professionals present"), min_value=0, max_value=10000, initial=0
    )
    volunteers_count = forms.IntegerField(
        label=_("Volunteers present"), min_value=0, max_value=10000, initial=0
    )
    minutes = document_field(_("Minutes"), required=False)


class ProblemForm(forms.Form):
    field: forms.ModelChoiceField[FieldOfAction] = forms.ModelChoiceField(
        label=_("Field of action"), queryset=FieldOfAction.objects.none()
    )
    description = forms.CharField(
        label=_("Problem"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    reported_by_kind = forms.ChoiceField(
        label=_("Reported by (type of organisation)"),
        choices=Organisation.Kind.choices,
        help_text=_("Record the type of organisation, never a person."),
    )

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = fields_of_action_for(alliance)  # type: ignore[attr-defined]
        self.fields["field"].label_from_instance = lambda f: f.label  # type: ignore[attr-defined]


class PriorityForm(AllianceBoundForm):
    title = forms.CharField(label=_("Priority"), max_length=200)
    field: forms.ModelChoiceField[FieldOfAction] = forms.ModelChoiceField(
        label=_("Field of action"), queryset=FieldOfAction.objects.none(), required=False
    )
    # The queryset is set per alliance in __init__ (the scoped manager has no scope here).
    problems: forms.ModelMultipleChoiceField[ProblemReport] = forms.ModelMultipleChoiceField(
        label=_("Problems addressed"),
        queryset=ProblemReport._base_manager.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = forms.CharField(
        label=_("Actions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One action per line."),
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    due_on = date_field(_("Due date"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=PriorityStatus.choices)

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        from teilhabe.alliances.selectors import problems_for

        super().__init__(*args, alliance=alliance, **kwargs)
        self.fields["field"].queryset = fields_of_action_for(alliance)  # type: ignore[attr-defined]
        self.fields["field"].label_from_instance = lambda f: f.label  # type: ignore[attr-defined]
        self.fields["problems"].queryset = problems_for(alliance)  # type: ignore[attr-defined]
        self.fields["problems"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.description} ({p.field.label})"
        )


class FieldOfActionForm(forms.Form):
    name = forms.CharField(label=_("Name of the field of action"), max_length=120)


class ContactPointForm(AllianceBoundForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=ContactTopic.choices)
    name = forms.CharField(label=_("Office"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    hours = forms.CharField(label=_("Opening hours"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Markdown: # heading, blank line between paragraphs, - list item, *emphasis*, "
            "**bold**, [link text](https://…)."
        ),
    )
    review_on = date_field(
        _("Review date"), help_text=_("When the content has to be checked again.")
    )


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    amount = forms.DecimalField(
        label=_("Budget (EUR)"), min_value=0, max_digits=14, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AllocationForm(forms.Form):
    alliance = forms.ModelChoiceField(
        label=_("Alliance"), queryset=Alliance.objects.order_by("name")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    amount = forms.DecimalField(
        label=_("Allocated (EUR)"), min_value=0, max_digits=14, decimal_places=2
    )
    posts_fte = forms.DecimalField(
        label=_("Posts funded (full-time equivalents)"),
        min_value=0,
        max_digits=5,
        decimal_places=2,
    )


class ExpenditureForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    amount = forms.DecimalField(
        label=_("Spent (EUR)"), min_value=0, max_digits=14, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    document = document_field(_("Evidence document"), required=True)


class CoverageFilterForm(forms.Form):
    as_of = date_field(
        _("Reference date"),
        required=False,
        help_text=_("Only bodies whose declaration was received by this date."),
    )
