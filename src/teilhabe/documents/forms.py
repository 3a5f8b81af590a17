"""The upload and correction forms of a person's documents (core's form kit)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.plausible import DateField
from teilhabe.core.uploads import check_document, document_field
from teilhabe.documents.models import PersonDocument
from teilhabe.documents.services import DocumentData

DATE = {"type": "date"}


class DocumentDataForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=PersonDocument.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: Duldung, Abschlusszeugnis Klasse 10, Übersetzung Zeugnis."),
    )
    issuing_body = forms.CharField(
        label=_("Issued by"),
        max_length=200,
        required=False,
        help_text=_("For example: Ausländerbehörde, school, translation office."),
    )
    issued_on = DateField(
        label=_("Issued on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    valid_until = DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("A reminder is created for you before this date."),
    )

    def data_object(self) -> DocumentData:
        d = self.cleaned_data
        return DocumentData(
            kind=d["kind"],
            title=d["title"],
            issuing_body=d.get("issuing_body") or "",
            issued_on=d.get("issued_on"),
            valid_until=d.get("valid_until"),
        )


class DocumentUploadForm(DocumentDataForm):
    file = document_field(_("File"), required=True)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_document(upload)
        return upload


class DocumentDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete the document and its file for good."), required=True
    )
