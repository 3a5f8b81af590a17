"""The volunteer: the alliance's knowledge base and contact points, the newest first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from teilhabe.alliances.models import Article, ContactPoint
from teilhabe.alliances.selectors import articles_for, contact_points_by_topic
from teilhabe.core.roles import Principal
from teilhabe.mentoring.home import mentoring_home
from teilhabe.trainings.home import upcoming_trainings
from teilhabe.trainings.models import Training

LATEST = 5


@dataclass
class VolunteerBlock:
    articles: list[Article]
    articles_total: int
    contacts: list[tuple[str, list[ContactPoint]]]
    trainings: list[Training]
    mentoring: Any

    open_items = 0


def volunteer_block(principal: Principal) -> VolunteerBlock:
    alliance = principal.alliance
    assert alliance is not None
    articles = articles_for(alliance)
    return VolunteerBlock(
        articles=list(articles.order_by("-current__created_at")[:LATEST]),
        articles_total=articles.count(),
        contacts=contact_points_by_topic(alliance),
        trainings=upcoming_trainings(principal),
        mentoring=mentoring_home(principal),
    )
