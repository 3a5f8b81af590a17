from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from teilhabe.municipalities.models import Kreis


@login_required
def kreis_list(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "municipalities/kreis_list.html", {"kreise": Kreis.objects.all()})
