"""Models of the alliances app, split by concern; import them from here."""

from teilhabe.alliances.models.alliance import (
    DEFAULT_FIELDS_OF_ACTION,
    CoreGroupMember,
    FieldOfAction,
    PartnerProfile,
    TeilhabemanagementPost,
)
from teilhabe.alliances.models.choices import (
    SIGNER_FUNCTIONS_BY_BODY,
    BodyKind,
    ContactTopic,
    DeclarationStatus,
    LeadOfficeType,
    LegalDomain,
    Organiser,
    PriorityStatus,
    SignerFunction,
    WorkshopKind,
)
from teilhabe.alliances.models.funding import ExpenditureReport, FundingAllocation, FundingBudget
from teilhabe.alliances.models.initiative import JoinDeclaration, Programme, body_display_name
from teilhabe.alliances.models.knowledge import Article, ArticleVersion, ContactPoint
from teilhabe.alliances.models.workshops import Priority, ProblemReport, Workshop

__all__ = [
    "DEFAULT_FIELDS_OF_ACTION",
    "SIGNER_FUNCTIONS_BY_BODY",
    "Article",
    "ArticleVersion",
    "BodyKind",
    "ContactPoint",
    "ContactTopic",
    "CoreGroupMember",
    "DeclarationStatus",
    "ExpenditureReport",
    "FieldOfAction",
    "FundingAllocation",
    "FundingBudget",
    "JoinDeclaration",
    "LeadOfficeType",
    "LegalDomain",
    "Organiser",
    "PartnerProfile",
    "Priority",
    "PriorityStatus",
    "ProblemReport",
    "Programme",
    "SignerFunction",
    "TeilhabemanagementPost",
    "Workshop",
    "WorkshopKind",
    "body_display_name",
]
