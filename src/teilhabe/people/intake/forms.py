"""Forms of intake, master data, residence status and profile.

Forms only parse input; the rules (age, duplicates, legal basis, "none" alone ...) live in
the services, whose ValidationErrors the views put back on these forms (`core.web.apply_errors`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import TriState
from teilhabe.core.models import Organisation
from teilhabe.core.plausible import DateField
from teilhabe.employers.models import Employer
from teilhabe.municipalities.models import Gemeinde, Kreis
from teilhabe.people.countries import country_choices
from teilhabe.people.intake.profile_services import CertificateData, ExperienceData, ProfileData
from teilhabe.people.intake.services import (
    EligibilityAnswers,
    IntakeConfirmations,
    LanguageEntry,
    MasterData,
)
from teilhabe.people.intake.status_services import StatusData
from teilhabe.people.languages import language_choices
from teilhabe.people.models import (
    CefrLevel,
    Certificate,
    Experience,
    LegalDomain,
    ResidenceStatus,
    Sex,
    StatusCondition,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

BLANK = [("", "–")]
# The prefix of the language formset on the intake and the master data pages.
LANGUAGE_PREFIX = "sprachen"


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _countries() -> list[tuple[str, str]]:
    return [*BLANK, *country_choices()]


def _languages() -> list[tuple[str, str]]:
    return [*BLANK, *language_choices()]


class MasterDataForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    date_of_birth = DateField(label=_("Date of birth"), widget=date_input())
    sex = forms.ChoiceField(label=_("Sex/gender"), choices=[*BLANK, *Sex.choices])
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        choices=_countries,
        required=False,
        help_text=_("“stateless” and “unknown” are at the end of the list."),
    )
    residence = forms.ModelChoiceField(
        label=_("Place of residence"),
        queryset=Gemeinde.objects.none(),
        required=False,
        empty_label="–",
    )
    arrival_date = DateField(label=_("Arrival in Germany"), required=False, widget=date_input())
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)

    def __init__(self, *args: Any, gemeinden: QuerySet[Gemeinde], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residence"].queryset = gemeinden.order_by("name")  # type: ignore[attr-defined]

    def master_data(self) -> MasterData:
        d = self.cleaned_data
        return MasterData(
            given_name=d["given_name"].strip(),
            family_name=d["family_name"].strip(),
            date_of_birth=d["date_of_birth"],
            sex=d["sex"],
            nationality=d["nationality"],
            residence=d["residence"],
            arrival_date=d["arrival_date"],
            phone=d["phone"],
            email=d["email"],
            address=d["address"],
        )


def _tristate(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=TriState.choices, initial=TriState.UNKNOWN)


class EligibilityForm(forms.Form):
    """The eligibility part of intake; also parsed alone for the htmx preview."""

    intake_date = DateField(label=_("Intake date"), widget=date_input(), initial=timezone.localdate)
    no_sgb_measures = _tristate(_("No access to SGB II/III benefits and measures"))
    no_compulsory_schooling = _tristate(_("No longer of compulsory school age"))
    not_in_course_or_training = _tristate(
        _("Not in a language or integration course, not in training")
    )

    def answers(self) -> EligibilityAnswers:
        d = self.cleaned_data
        return EligibilityAnswers(
            no_sgb_measures=d["no_sgb_measures"],
            no_compulsory_schooling=d["no_compulsory_schooling"],
            not_in_course_or_training=d["not_in_course_or_training"],
        )


class IntakeForm(MasterDataForm, EligibilityForm):
    """Master data, eligibility and the two confirmations. The confirmations stay hidden
    until the service asks for them (`ask`), so the form only shows them with the reason."""

    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    confirm_age = forms.BooleanField(
        label=_("Take the person in although the age is outside 18 to 27"),
        required=False,
        widget=forms.HiddenInput,
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Create the person anyway: it is not the same person"),
        required=False,
        widget=forms.HiddenInput,
    )

    field_order = [
        "given_name",
        "family_name",
        "date_of_birth",
        "sex",
        "nationality",
        "arrival_date",
        "residence",
        "phone",
        "email",
        "address",
        "organisation",
        "intake_date",
        "no_sgb_measures",
        "no_compulsory_schooling",
        "not_in_course_or_training",
        "confirm_age",
        "confirm_duplicate",
    ]

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        if len(organisations) == 1:
            # The usual case: one organisation, nothing to choose.
            del self.fields["organisation"]
            self.single_organisation: Organisation | None = organisations[0]
        else:
            self.single_organisation = None
            field.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                pk__in=[o.pk for o in organisations]
            )
        for name in ("confirm_age", "confirm_duplicate"):
            if self.data.get(name) in ("on", "true", "True"):
                self.ask(name)  # once shown, it stays a checkbox

    def ask(self, name: str) -> None:
        self.fields[name].widget = forms.CheckboxInput()

    def chosen_organisation(self) -> Organisation:
        return self.single_organisation or self.cleaned_data["organisation"]

    def confirmations(self) -> IntakeConfirmations:
        return IntakeConfirmations(
            age_outside_target_group=bool(self.cleaned_data.get("confirm_age")),
            possible_duplicate=bool(self.cleaned_data.get("confirm_duplicate")),
        )


class PersonEditForm(MasterDataForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=_languages, required=False)
    level = forms.ChoiceField(
        label=_("Level (CEFR)"), choices=[*BLANK, *CefrLevel.choices], required=False
    )
    certified = forms.BooleanField(label=_("Certificate available"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("language") and not data.get("level"):
            self.add_error("level", _("Choose the level of this language."))
        if data.get("level") and not data.get("language"):
            self.add_error("language", _("Choose the language of this level."))
        return data


class BaseLanguageFormSet(forms.BaseFormSet):
    def entries(self) -> list[LanguageEntry]:
        result = []
        for form in self.forms:
            if self.can_delete and form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            if data.get("language"):
                result.append(
                    LanguageEntry(data["language"], data["level"], bool(data.get("certified")))
                )
        return result

    def clean(self) -> None:
        codes = [e.language for e in self.entries()] if not any(self.errors) else []
        if len(codes) != len(set(codes)):
            raise ValidationError(_("Each language can be entered only once."))


# Intake starts with one language row; "Add another language" fetches the next row by htmx.
IntakeLanguageFormSet = cast(
    type[BaseLanguageFormSet],
    forms.formset_factory(LanguageForm, formset=BaseLanguageFormSet, extra=1, max_num=12),
)
EditLanguageFormSet = cast(
    type[BaseLanguageFormSet],
    forms.formset_factory(
        LanguageForm, formset=BaseLanguageFormSet, extra=2, max_num=12, can_delete=True
    ),
)


class StatusEntryForm(forms.Form):
    # No status is preselected: a wrong default would pass unnoticed as a recorded fact.
    status = forms.ChoiceField(
        label=_("Residence status"), choices=[("", _("Please choose")), *ResidenceStatus.choices]
    )
    legal_basis = forms.CharField(
        label=_("Legal basis (§)"),
        max_length=40,
        required=False,
        help_text=_("Required for a residence permit, e.g. § 25 Abs. 2 AufenthG."),
    )
    valid_from = DateField(label=_("Valid from"), widget=date_input())
    valid_until = DateField(label=_("Valid until"), widget=date_input(), required=False)
    document_seen = forms.BooleanField(label=_("Document seen"), required=False)
    conditions = forms.MultipleChoiceField(
        label=_("Conditions (Nebenbestimmungen)"),
        choices=StatusCondition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("As written on the document; at most one of the conditions on employment."),
    )
    conditions_note = forms.CharField(
        label=_("Further conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    residence_gemeinde = forms.ModelChoiceField(
        label=_("Residence obligation: municipality"),
        queryset=Gemeinde.objects.order_by("name"),
        required=False,
        empty_label="–",
    )
    residence_kreis = forms.ModelChoiceField(
        label=_("Residence obligation: district"),
        queryset=Kreis.objects.order_by("name"),
        required=False,
        empty_label="–",
        help_text=_("Only when the obligation names a whole district."),
    )

    def status_data(self) -> StatusData:
        d = self.cleaned_data
        return StatusData(
            status=d["status"],
            legal_basis=d["legal_basis"].strip(),
            valid_from=d["valid_from"],
            valid_until=d["valid_until"],
            document_seen=bool(d["document_seen"]),
            conditions=list(d.get("conditions") or []),
            conditions_note=(d.get("conditions_note") or "").strip(),
            residence_gemeinde=d.get("residence_gemeinde"),
            residence_kreis=d.get("residence_kreis"),
        )


class ProfileForm(forms.Form):
    school_years_abroad = forms.IntegerField(
        label=_("Years of school abroad"), min_value=0, max_value=20, required=False
    )
    school_years_germany = forms.IntegerField(
        label=_("Years of school in Germany"), min_value=0, max_value=20, required=False
    )
    interests = forms.CharField(label=_("Interests"), widget=forms.Textarea, required=False)
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea, required=False)
    legal_domains = forms.MultipleChoiceField(
        label=_("Legal domains currently responsible"),
        choices=LegalDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("“None” excludes the others."),
    )

    def profile_data(self) -> ProfileData:
        d = self.cleaned_data
        return ProfileData(
            school_years_abroad=d["school_years_abroad"],
            school_years_germany=d["school_years_germany"],
            interests=d["interests"],
            goals=d["goals"],
            # Nothing chosen at intake records no history (and no empty profile).
            legal_domains=list(d.get("legal_domains") or []) or None,
        )


class ProfileEditForm(ProfileForm):
    """The person page's profile form: the legal domains change through their own dated
    form (people.domains), so this one leaves them alone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["legal_domains"]


class CertificateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=_countries)
    level = forms.ChoiceField(label=_("Level"), choices=Certificate.Level.choices)
    issued_on = DateField(label=_("Issued on"), widget=date_input(), required=False)
    recognition = forms.ChoiceField(
        label=_("Recognition"),
        choices=Certificate.Recognition.choices,
        initial=Certificate.Recognition.NOT_APPLIED,
    )

    def certificate_data(self) -> CertificateData:
        return CertificateData(**self.cleaned_data)


class ExperienceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Experience.Kind.choices)
    title = forms.CharField(label=_("Activity"), max_length=200)
    # The alliance's directory (the manager is scoped: the page's alliance only).
    employer_entry: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Firm from the directory"),
        queryset=Employer.objects.none(),
        required=False,
        empty_label=_("– not in the directory –"),
        help_text=_("Choose the firm if the alliance's directory has it."),
    )
    employer = forms.CharField(
        label=_("Employer / place"),
        max_length=200,
        required=False,
        help_text=_("Abroad, or a firm that is not in the directory."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=_countries, required=False)
    started_on = DateField(label=_("From"), widget=date_input(), required=False)
    ended_on = DateField(label=_("Until"), widget=date_input(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built in the page's alliance scope: the scoped manager answers that alliance only.
        choices = Employer.objects.filter(archived_on__isnull=True).order_by("name")
        self.fields["employer_entry"].queryset = choices  # type: ignore[attr-defined]

    def experience_data(self) -> ExperienceData:
        data = dict(self.cleaned_data)
        entry = data.pop("employer_entry", None)
        return ExperienceData(**data, employer_entry_id=entry.pk if entry else None)


def initial_from(obj: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}
