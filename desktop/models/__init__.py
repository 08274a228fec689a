"""The domain model: SQLAlchemy tables, enums and constraints. Never imports Qt."""

from .auth import AuditEntry, RoleGrant, User
from .base import Base, utcnow
from .cases import (
    Assignment,
    Callback,
    Case,
    CaseEvent,
    CaseNumberSequence,
    Escalation,
    Extension,
    Objection,
    StageReport,
    SupervisionOrder,
)
from .departments import Department, Liaison
from .emergencies import EmergencyReport, EmergencyStep
from .enums import *  # noqa: F401,F403 — the enums are part of the model's public face
from .evaluation import (
    EvaluationChangedMonth,
    EvaluationIndicator,
    EvaluationMonthCount,
    EvaluationMonthFigure,
    EvaluationPeriod,
    EvaluationScore,
)
from .governance import GovernanceItem, governance_item_cases
from .matters import MatterApplication, MatterItem, MatterList, RectificationAnswer, RectificationNotice
from .people import GridStaffRole, LeadershipAssignment, Person, Professional, ProfessionalVisit, WorkLogEntry
from .places import Grid, GridAdjustment, GridAdjustmentStep, GridHistory, Place, Vessel
from .printing import PrintedSheet
from .system import CalendarDay, ChangeFeed, Setting

__all__ = [
    "Base", "utcnow",
    "Place", "Grid", "Vessel", "GridAdjustment", "GridAdjustmentStep", "GridHistory",
    "Person", "GridStaffRole", "LeadershipAssignment", "Professional", "ProfessionalVisit", "WorkLogEntry",
    "Department", "Liaison",
    "MatterList", "MatterItem", "MatterApplication", "RectificationNotice", "RectificationAnswer",
    "Case", "Assignment", "CaseEvent", "Escalation", "Extension", "Objection", "StageReport",
    "SupervisionOrder", "Callback", "CaseNumberSequence",
    "EmergencyReport", "EmergencyStep",
    "GovernanceItem", "governance_item_cases",
    "EvaluationChangedMonth", "EvaluationIndicator", "EvaluationMonthCount", "EvaluationMonthFigure",
    "EvaluationPeriod", "EvaluationScore",
    "PrintedSheet",
    "User", "RoleGrant", "AuditEntry",
    "Setting", "CalendarDay", "ChangeFeed",
]
from . import texts  # noqa: F401,E402 — refuses texts no column can keep, at every flush
