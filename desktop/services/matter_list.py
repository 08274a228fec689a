"""Keeping the matter list 事项清单: versions, items, department applications, rectification (Art. 12–13).

The city and county institutions compile the list with the linked departments and publish it
(Art. 12(1)). Publishing version N supersedes N−1; a new version starts as a draft copy of the
one in force. Departments apply to add or retire items and the institution of their level
reviews (Art. 13(2)); an approved application changes the current draft. A department failing
its duties is told to rectify within a deadline (Art. 13(5)). The Art. 13(3) refusal itself is
`matters.require_listed_grid_task`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..db import Database
from ..errors import Conflict, InvalidTransition, LawRefusal, NotFound, PermissionDenied, ValidationFailed
from ..models import (
    Department,
    Liaison,
    MatterApplication,
    MatterItem,
    MatterList,
    Person,
    Place,
    RectificationAnswer,
    RectificationNotice,
    utcnow,
)
from ..models.enums import (
    ApplicationAction,
    LabelledEnum,
    MatterCategory,
    MatterComplexity,
    MatterListState,
    PlaceLevel,
    RectificationState,
    ReviewState,
    TimeLimitUnit,
)
from ..said import Message
from .clock import beijing_today
from .department_use import use_departments
from .matters import current_version_of, lists_in_force
from .places import get_place, upward
from .saved_meanwhile import check_version, saved_by
from .security import Actor, Permission, in_scope
from .unit_of_work import UnitOfWork, unit_of_work


@dataclass(frozen=True)
class ItemDraft:
    """What an item says; used to add an item and as the proposal of an application."""

    code: str
    title: str
    category: MatterCategory
    complexity: MatterComplexity = MatterComplexity.GENERAL
    time_limit: int = 5
    time_limit_unit: TimeLimitUnit = TimeLimitUnit.WORKING_DAYS
    grid_staff_task: bool = True
    description: str | None = None

    def problems(self) -> list[str]:
        found = []
        if not self.code or len(self.code) > 20:
            found.append("事项编号:不能为空,最多 20 个字符")
        if not self.title or not self.title.strip():
            found.append("事项名称:不能为空")
        if not isinstance(self.time_limit, int) or self.time_limit < 1:
            found.append("办理时限:应为正整数")
        return found

    def as_proposal(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        return {k: (v.value if hasattr(v, "value") else v) for k, v in data.items()}

    @classmethod
    def from_proposal(cls, data: dict) -> ItemDraft:
        return cls(code=data["code"], title=data["title"], category=MatterCategory(data["category"]),
                   complexity=MatterComplexity(data.get("complexity", "general")),
                   time_limit=data.get("time_limit", 5),
                   time_limit_unit=TimeLimitUnit(data.get("time_limit_unit", "working_days")),
                   grid_staff_task=data.get("grid_staff_task", True), description=data.get("description"))


@dataclass(frozen=True)
class MatterListInfo:
    id: int
    place_code: str
    place_name: str
    version: int
    title: str
    state: MatterListState
    published_on: date | None
    items: int


@dataclass(frozen=True)
class MatterItemInfo:
    id: int
    list_id: int
    draft: ItemDraft
    department_id: int
    department: str
    guidance_contact: str | None
    version: int = 1  # the item's, sent back by an edit (update_item's expected_version)


@dataclass(frozen=True)
class ApplicationInfo:
    id: int
    department_id: int
    department: str
    action: ApplicationAction
    item_code: str
    item_title: str
    reason: str
    state: ReviewState
    review_comment: str | None


class NoticeStanding(LabelledEnum):
    """Where a notice stands as the institution and the department read it on a day."""

    OPEN = ("open", "整改中")
    RETURNED = ("returned", "整改中(已退回)")
    OVERDUE = ("overdue", "逾期未整改")
    ANSWERED = ("answered", "待确认")
    ANSWERED_LATE = ("answered_late", "待确认(逾期报送)")
    RECTIFIED = ("rectified", "已整改")


@dataclass(frozen=True)
class RectificationAnswerInfo:
    """One report of the department and the institution's decision on it (None while awaited)."""

    report: str
    answered_at: datetime
    late: bool
    decided_at: datetime | None
    returned_reason: str | None


@dataclass(frozen=True)
class RectificationInfo:
    id: int
    department_id: int
    department: str
    reason: str
    due_on: date
    state: RectificationState
    response: str | None
    answers: tuple[RectificationAnswerInfo, ...] = ()  # oldest first

    def overdue(self, today: date) -> bool:
        return self.state is RectificationState.OPEN and today > self.due_on

    def standing(self, today: date) -> NoticeStanding:
        if self.overdue(today):
            return NoticeStanding.OVERDUE
        if self.state is RectificationState.ANSWERED:
            return NoticeStanding.ANSWERED_LATE if self.answers[-1].late else NoticeStanding.ANSWERED
        if self.returned_reason:
            return NoticeStanding.RETURNED
        return NoticeStanding(self.state.value)

    @property
    def returned_reason(self) -> str | None:
        """Why the institution returned the last report, while the department rectifies again."""
        return self.answers[-1].returned_reason if self.state is RectificationState.OPEN and self.answers else None

    @property
    def latest_report(self) -> str | None:
        """What the department last said it did: the response that closed the notice, or its last report."""
        return self.response or (self.answers[-1].report if self.answers else None)


# --- helpers -------------------------------------------------------------------------------------

def institution_of(place: Place) -> Place:
    """The city or county whose institution compiles the list for a place (Art. 12(1))."""
    return next(node for node in upward(place) if node.level in (PlaceLevel.CITY, PlaceLevel.COUNTY))


def institution_served(session: Session, department: Department) -> Place:
    """The institution whose list a department's items and applications belong to."""
    return institution_of(session.get(Place, department.place_id))


def _list_info(session: Session, matter_list: MatterList) -> MatterListInfo:
    place = session.get(Place, matter_list.place_id)
    count = session.scalar(select(func.count()).where(MatterItem.matter_list_id == matter_list.id))
    return MatterListInfo(matter_list.id, place.code, place.name, matter_list.version, matter_list.title,
                          matter_list.state, matter_list.published_on, count)


def _item_infos(session: Session, stmt) -> list[MatterItemInfo]:
    rows = session.execute(
        stmt.add_columns(Department.short_name, Person.name)
        .join(Department, Department.id == MatterItem.department_id)
        .outerjoin(Person, Person.id == MatterItem.guidance_contact_id)
    )
    return [
        MatterItemInfo(item.id, item.matter_list_id,
                       ItemDraft(item.code, item.title, item.category, item.complexity, item.time_limit,
                                 item.time_limit_unit, item.grid_staff_task, item.description),
                       item.department_id, department, contact, item.version)
        for item, department, contact in rows
    ]


def _guidance_contact(session: Session, department_id: int) -> int | None:
    """Art. 13(4): the department's own person for guidance on its items."""
    return session.scalar(select(Liaison.person_id).where(Liaison.department_id == department_id,
                                                          Liaison.is_guidance_contact).order_by(Liaison.id).limit(1))


def draft_of(session: Session, place: Place, title: str | None = None) -> MatterList:
    """The place's open draft, or a new version copying the items of the newest published one."""
    draft = session.scalar(select(MatterList).where(MatterList.place_id == place.id,
                                                    MatterList.state == MatterListState.DRAFT))
    if draft is not None:
        return draft
    newest = session.scalar(select(MatterList).where(MatterList.place_id == place.id)
                            .order_by(MatterList.version.desc()).limit(1))
    draft = MatterList(place_id=place.id, version=(newest.version + 1) if newest else 1,
                       title=title or (newest.title if newest else f"{place.name}网格化服务管理事项清单"))
    session.add(draft)
    published = session.scalar(select(MatterList).where(MatterList.place_id == place.id,
                                                        MatterList.state == MatterListState.PUBLISHED))
    if published is not None:
        for item in published.items:
            draft.items.append(MatterItem(
                code=item.code, title=item.title, category=item.category, department_id=item.department_id,
                guidance_contact_id=item.guidance_contact_id, complexity=item.complexity,
                time_limit_unit=item.time_limit_unit, time_limit=item.time_limit,
                grid_staff_task=item.grid_staff_task, description=item.description))
    session.flush()
    return draft


def require_governed_reader(uow: UnitOfWork, permission: Permission, place: Place) -> None:
    """Refuse unless the actor holds `permission` over the place or over a place within it. The lists
    in force there govern those places too, and the people a list governs may read it: it is published
    (Art. 12–14); keeping it stays the institution's (MANAGE_MATTERS)."""
    if any(in_scope(grant.place_code, place.code, place.level) for grant in uow.actor.scopes(permission) or ()):
        return
    uow.require(permission, place.code, place.short_name)


def list_place(uow: UnitOfWork, place_code: str) -> Place:
    """The city or county whose list the actor keeps (Art. 12(1)); refused for any other place or actor."""
    place = get_place(uow.session, place_code)
    if place.level not in (PlaceLevel.CITY, PlaceLevel.COUNTY):
        raise LawRefusal(f"事项清单由市、县(区)网格化服务管理机构编制,{place.short_name}是{place.level.label}",
                         article="Art. 12", field="place_code")
    uow.require(Permission.MANAGE_MATTERS, place.code, place.short_name)
    return place


def _editable_list(uow: UnitOfWork, list_id: int) -> tuple[MatterList, Place]:
    """The draft, row-locked (PostgreSQL) and read afresh: an item saved while it is published waits, then
    finds it published, rather than changing a list just put in force."""
    matter_list = uow.session.get(MatterList, list_id, with_for_update=True, populate_existing=True)
    if matter_list is None:
        raise NotFound(f"事项清单 {list_id} 不存在")
    place = uow.session.get(Place, matter_list.place_id)
    uow.require(Permission.MANAGE_MATTERS, place.code, place.short_name)
    if matter_list.state is not MatterListState.DRAFT:
        raise InvalidTransition(f"第 {matter_list.version} 版已公布,不能再修改;请先新建下一版草稿")
    return matter_list, place


def other_institutions(session: Session, department: Department, place: Place) -> str | None:
    """Why `department` cannot be responsible for an item of `place`'s list, if it serves another
    institution: a list is compiled by the institution with its own linked departments (Art. 12(1)),
    and the window offers only those."""
    theirs = institution_served(session, department)
    if theirs.id == place.id:
        return None
    return (f"责任部门:{department.name}是{theirs.name}的部门,不是{place.name}的;"
            f"{place.name}事项清单的事项由{place.name}的联动部门负责,请改选(Art. 12)")


def _check_item(session: Session, draft: ItemDraft, department_id: int, guidance_contact_id: int | None,
                place: Place) -> None:
    problems = draft.problems()
    department = use_departments(session, [department_id]).get(department_id)
    if department is None:
        problems.append(f"责任部门:部门 {department_id} 不存在")
    elif not department.active:
        problems.append(f"责任部门:{department.name}已停用,请改选在用的部门(Art. 13)")
    elif why := other_institutions(session, department, place):
        problems.append(why)
    if guidance_contact_id is not None and not session.scalar(select(Liaison.id).where(
            Liaison.department_id == department_id, Liaison.person_id == guidance_contact_id)):
        problems.append("业务指导人员:应为责任部门的联络人员(Art. 13)")
    if problems:
        raise ValidationFailed("事项内容有误,请修正", problems=problems)


# --- versions and items --------------------------------------------------------------------------

def start_version(db: Database, actor: Actor, *, place_code: str, title: str | None = None) -> MatterListInfo:
    """Open the next version as a draft copy of the list in force (or an empty first version)."""
    with unit_of_work(db, actor, "matters.start_version", target=place_code) as uow:
        place = list_place(uow, place_code)
        if uow.session.scalar(select(MatterList.id).where(MatterList.place_id == place.id,
                                                          MatterList.state == MatterListState.DRAFT)):
            raise Conflict(f"{place.short_name}已有未公布的草稿,请在草稿上修改或公布后再新建")
        draft = draft_of(uow.session, place, title)
        uow.audit(f"新建{place.short_name}事项清单第 {draft.version} 版草稿", target=f"matter_list:{draft.id}")
        uow.changed("matters", draft.id)
        return _list_info(uow.session, draft)


def add_item(db: Database, actor: Actor, list_id: int, draft: ItemDraft, *, department_id: int,
             guidance_contact_id: int | None = None) -> MatterItemInfo:
    """Add an item to a draft; the guidance contact defaults to the department's (Art. 13(4))."""
    with unit_of_work(db, actor, "matters.add_item", target=f"matter_list:{list_id}") as uow:
        matter_list, place = _editable_list(uow, list_id)
        _check_item(uow.session, draft, department_id, guidance_contact_id, place)
        if any(i.code == draft.code for i in matter_list.items):
            raise Conflict(f"第 {matter_list.version} 版中已有编号为 {draft.code} 的事项")
        item = new_item(uow.session, matter_list, draft, department_id, guidance_contact_id)
        uow.audit(f"事项清单第 {matter_list.version} 版新增事项 {draft.code} {draft.title}")
        uow.changed("matters", matter_list.id)
        return _item_infos(uow.session, select(MatterItem).where(MatterItem.id == item.id))[0]


def new_item(session: Session, matter_list: MatterList, draft: ItemDraft, department_id: int,
             guidance_contact_id: int | None) -> MatterItem:
    """The item added to a draft; the guidance contact defaults to the department's (Art. 13(4))."""
    item = MatterItem(code=draft.code, title=draft.title.strip(), category=draft.category,
                      department_id=department_id,
                      guidance_contact_id=guidance_contact_id or _guidance_contact(session, department_id),
                      complexity=draft.complexity, time_limit=draft.time_limit,
                      time_limit_unit=draft.time_limit_unit, grid_staff_task=draft.grid_staff_task,
                      description=draft.description)
    matter_list.items.append(item)
    session.flush()
    return item


_ITEM = Message("事项 {code} {title}")  # a draft item changed meanwhile (check_version)


def update_item(db: Database, actor: Actor, item_id: int, draft: ItemDraft, *, department_id: int,
                guidance_contact_id: int | None = None, expected_version: int | None = None) -> None:
    """Change an item of a draft. Its guidance contact stays while its department does; moved to
    another department it gets that department's (Art. 13(4)) unless one is named. `expected_version` is
    the version the form showed: another administrator's save in between is reported by name, never
    overwritten with what the form still showed (None: acting on whatever is current)."""
    with unit_of_work(db, actor, "matters.update_item", target=f"matter_item:{item_id}") as uow:
        matter_list, place = _editable_list(uow, _list_of(uow, item_id))
        item = _locked_item(uow, item_id)
        check_version(item, expected_version, _ITEM(code=item.code, title=item.title))
        _check_item(uow.session, draft, department_id, guidance_contact_id, place)
        if any(i.code == draft.code and i.id != item.id for i in matter_list.items):
            raise Conflict(f"第 {matter_list.version} 版中已有编号为 {draft.code} 的事项")
        kept = item.guidance_contact_id if department_id == item.department_id else None
        # Looked up before any field is changed: a query flushes, and the item is saved once, one version on.
        contact = guidance_contact_id or kept or _guidance_contact(uow.session, department_id)
        item.code, item.title, item.category = draft.code, draft.title.strip(), draft.category
        item.complexity, item.time_limit, item.time_limit_unit = draft.complexity, draft.time_limit, draft.time_limit_unit
        item.grid_staff_task, item.description = draft.grid_staff_task, draft.description
        item.department_id, item.guidance_contact_id = department_id, contact
        saved_by(uow.session, item, actor)
        uow.audit(f"修改事项清单第 {matter_list.version} 版事项 {draft.code}")
        uow.changed("matters", matter_list.id)


def remove_item(db: Database, actor: Actor, item_id: int, *, expected_version: int | None = None) -> None:
    """Take an item out of a draft: the one the user was asked about (`expected_version`, as for
    update_item), not one another administrator has retitled or given to another department since."""
    with unit_of_work(db, actor, "matters.remove_item", target=f"matter_item:{item_id}") as uow:
        matter_list, _ = _editable_list(uow, _list_of(uow, item_id))
        item = _locked_item(uow, item_id)
        check_version(item, expected_version, _ITEM(code=item.code, title=item.title))
        uow.session.delete(item)
        uow.audit(f"事项清单第 {matter_list.version} 版删除事项 {item.code} {item.title}")
        uow.changed("matters", matter_list.id)


def _list_of(uow: UnitOfWork, item_id: int) -> int:
    """The id of the list holding the item: locked before the item, as publish locks the list before its items."""
    list_id = uow.session.scalar(select(MatterItem.matter_list_id).where(MatterItem.id == item_id))
    if list_id is None:
        raise _item_gone()
    return list_id


def _locked_item(uow: UnitOfWork, item_id: int) -> MatterItem:
    """The item, row-locked (PostgreSQL) and read afresh: a save at the same moment waits, then is told of
    this one."""
    item = uow.session.get(MatterItem, item_id, with_for_update=True, populate_existing=True)
    if item is None:
        raise _item_gone()
    return item


def _item_gone() -> NotFound:
    return NotFound("该事项已不在草稿中(可能已被其他管理员删除,或其退出申请已获同意),请重新载入")


def publish(db: Database, actor: Actor, list_id: int, *, on: date, title: str | None = None) -> MatterListInfo:
    """Publish a draft from `on`, under `title` if given; the version in force until then is superseded
    (Art. 12(1), 13(1)). A new version copies the last one's title, year and all ("(2025年版)"): the
    institution puts it right as it publishes.

    Every item needs its department's guidance contact (Art. 13(4)); an item added before its
    department named one gets the one named since.
    """
    if title is not None:
        title, longest = title.strip(), MatterList.title.type.length
        if not title or len(title) > longest:
            raise ValidationFailed(f"清单标题(title):应为 1 至 {longest} 个字,现为 {len(title)} 个", field="title")
    with unit_of_work(db, actor, "matters.publish", target=f"matter_list:{list_id}") as uow:
        matter_list, place = _editable_list(uow, list_id)
        matter_list.title = title or matter_list.title
        if not matter_list.items:
            raise ValidationFailed(f"第 {matter_list.version} 版没有任何事项,不能公布")
        for item in matter_list.items:  # a department's contact named after its items were added
            item.guidance_contact_id = item.guidance_contact_id or _guidance_contact(uow.session, item.department_id)
        missing = [f"{i.code} {i.title}" for i in matter_list.items if i.guidance_contact_id is None]
        if missing:
            raise LawRefusal("以下事项没有责任部门的业务指导人员,请先由部门确定联络人员再公布:" + "、".join(missing),
                             article="Art. 13")
        previous = uow.session.scalar(select(MatterList).where(MatterList.place_id == place.id,
                                                               MatterList.state == MatterListState.PUBLISHED))
        if previous is not None:
            if on < previous.published_on:
                raise ValidationFailed(f"公布日期 {on} 早于现行第 {previous.version} 版的公布日期 {previous.published_on}",
                                       field="on")
            previous.state = MatterListState.SUPERSEDED
        matter_list.state, matter_list.published_on = MatterListState.PUBLISHED, on
        uow.audit(f"公布{place.short_name}事项清单第 {matter_list.version} 版({on})", items=len(matter_list.items))
        uow.changed("matters", matter_list.id)
        return _list_info(uow.session, matter_list)


def reads_drafts(viewer: Actor | None, place: Place) -> bool:
    """Whether `viewer` reads the drafts of the place's list: a list in force is published (Art. 14) to
    all it governs, a draft is the institution's own, read where its place is viewed — as only there is
    it exported (matter_exchange.export_items). None: no viewer to limit (the keeper's own steps)."""
    return viewer is None or viewer.can(Permission.VIEW, place.code)


def lists(db: Database, place_code: str, *, viewer: Actor | None = None) -> list[MatterListInfo]:
    """Every version of a place's list, newest first; a draft only for a `viewer` who reads drafts."""
    with db.session() as session:
        place = get_place(session, place_code)
        stmt = select(MatterList).where(MatterList.place_id == place.id).order_by(MatterList.version.desc())
        if not reads_drafts(viewer, place):
            stmt = stmt.where(MatterList.state != MatterListState.DRAFT)
        return [_list_info(session, ml) for ml in session.scalars(stmt)]


def _require_reader(session: Session, matter_list: MatterList | None, viewer: Actor | None) -> None:
    """Refuse a draft's items to a `viewer` who does not read drafts (reads_drafts)."""
    if matter_list is not None and matter_list.state is MatterListState.DRAFT:
        place = session.get(Place, matter_list.place_id)
        if not reads_drafts(viewer, place):
            raise PermissionDenied(
                f"用户“{viewer.display_name}”不能查看{place.short_name}事项清单第 {matter_list.version} 版:"
                f"尚未公布的草稿只供在 {place.short_name}({place.code}) 有查看权限的用户查看;"
                "公布施行后即可查看", article="Art. 15")


def items(db: Database, list_id: int, *, viewer: Actor | None = None) -> list[MatterItemInfo]:
    """The items of one version, by category and code; a draft's only for a `viewer` who reads drafts."""
    with db.session() as session:
        _require_reader(session, session.get(MatterList, list_id), viewer)
        return _item_infos(session, select(MatterItem).where(MatterItem.matter_list_id == list_id)
                           .order_by(MatterItem.category, MatterItem.code))


def get_item(db: Database, item_id: int, *, viewer: Actor | None = None) -> MatterItemInfo | None:
    """One item as it is now, for a form whose save another desk's came before to open again on; None
    once it is gone (removed from the draft meanwhile)."""
    with db.session() as session:
        found = session.get(MatterItem, item_id)
        if found is None:
            return None
        _require_reader(session, found.matter_list, viewer)
        return _item_infos(session, select(MatterItem).where(MatterItem.id == item_id))[0]


def in_force(db: Database, place_code: str, on: date) -> list[tuple[MatterListInfo, list[MatterItemInfo]]]:
    """The lists in force for a place on a day (city first, then its county), with their items."""
    with db.session() as session:
        place = get_place(session, place_code)
        found = sorted(lists_in_force(session, place, on), key=lambda ml: session.get(Place, ml.place_id).code)
        return [(_list_info(session, ml),
                 _item_infos(session, select(MatterItem).where(MatterItem.matter_list_id == ml.id)
                             .order_by(MatterItem.category, MatterItem.code)))
                for ml in found]


# --- department applications (Art. 13(2)) --------------------------------------------------------

def apply(db: Database, actor: Actor, *, department_id: int, action: ApplicationAction, reason: str,
          proposal: ItemDraft | None = None, matter_item_id: int | None = None) -> ApplicationInfo:
    """A linked department asks its institution to add an item to, or retire one from, the list."""
    if not reason or not reason.strip():
        raise ValidationFailed("请说明申请理由", field="reason")
    with unit_of_work(db, actor, "matters.apply", target=f"department:{department_id}") as uow:
        session = uow.session
        department = use_departments(session, [department_id]).get(department_id)
        if department is None:
            raise NotFound(f"部门 {department_id} 不存在")
        institution = institution_served(session, department)
        # Checked where the department works: a township's police station applies to the county whose
        # list holds its items, its liaison's scope being the township.
        works_in = session.get(Place, department.place_id)
        uow.require(Permission.APPLY_MATTERS, works_in.code, works_in.short_name)
        if not department.active:
            raise InvalidTransition(f"{department.name}已停用,不能再申请纳入或退出事项(Art. 13)")
        if not actor.is_system and actor.department_id != department_id:
            raise PermissionDenied(f"只能以本部门名义申请;“{department.short_name}”的申请请由该部门联络员提出",
                                   article="Art. 13")
        today = beijing_today()
        in_force_items = [i for ml in lists_in_force(session, institution, today) if ml.place_id == institution.id
                          for i in ml.items]
        if action is ApplicationAction.ADD:
            if proposal is None:
                raise ValidationFailed("申请纳入时须填写拟纳入的事项", field="proposal")
            if proposal.problems():
                raise ValidationFailed("拟纳入的事项内容有误", problems=proposal.problems())
            if any(i.code == proposal.code for i in in_force_items):
                raise Conflict(f"现行清单中已有编号为 {proposal.code} 的事项")
            application = MatterApplication(department_id=department_id, action=action,
                                            proposal=proposal.as_proposal(), reason=reason.strip())
            subject = f"{proposal.code} {proposal.title}"
        else:
            named = session.get(MatterItem, matter_item_id) if matter_item_id is not None else None
            if named is None:
                raise ValidationFailed("申请退出时须选定现行清单中的事项", field="matter_item_id")
            # Picked in another version (the draft the window shows first): the same code in force.
            item = current_version_of(session, named, institution, today)
            if item not in in_force_items:
                raise ValidationFailed(f"事项“{named.title}”({named.code})不在{institution.short_name}现行事项清单内,"
                                       "无需申请退出", field="matter_item_id")
            if item.department_id != department_id:
                raise PermissionDenied(f"事项“{item.title}”的责任部门不是{department.short_name},不能由本部门申请退出",
                                       article="Art. 13")
            application = MatterApplication(department_id=department_id, action=action, matter_item_id=item.id,
                                            proposal={"code": item.code, "title": item.title}, reason=reason.strip())
            subject = f"{item.code} {item.title}"
        pending = session.scalars(select(MatterApplication).where(
            MatterApplication.department_id == department_id, MatterApplication.state == ReviewState.PENDING))
        if any(p.proposal.get("code") == application.proposal["code"] for p in pending):
            raise Conflict(f"本部门关于 {application.proposal['code']} 的申请尚在审核中")
        session.add(application)
        session.flush()
        uow.place_code = institution.code
        uow.audit(f"{department.short_name}申请{action.label}事项 {subject}", target=f"matter_application:{application.id}")
        uow.changed("matters", application.id)
        return _application_info(application, department)


def may_apply(db: Database, actor: Actor, institution_code: str) -> bool:
    """Whether the actor applies to this institution (Art. 13(2)): as the liaison of an active department
    whose items and applications belong to its list, as `apply` allows."""
    if actor.department_id is None:
        return False
    with db.session() as session:
        department = session.get(Department, actor.department_id)
        if department is None or not department.active:
            return False
        works_in = session.get(Place, department.place_id)
        return (institution_served(session, department).code == institution_code
                and actor.can(Permission.APPLY_MATTERS, works_in.code))


def _application_info(application: MatterApplication, department: Department) -> ApplicationInfo:
    return ApplicationInfo(application.id, department.id, department.short_name, application.action,
                           application.proposal.get("code", ""), application.proposal.get("title", ""),
                           application.reason, application.state, application.review_comment)


def review(db: Database, actor: Actor, application_id: int, *, approve: bool,
           comment: str | None = None) -> ApplicationInfo:
    """The institution's decision (Art. 13(2)). Approval changes its current draft (opened if need be)."""
    with unit_of_work(db, actor, "matters.review", target=f"matter_application:{application_id}") as uow:
        session = uow.session
        application = session.get(MatterApplication, application_id)
        if application is None:
            raise NotFound(f"申请 {application_id} 不存在")
        department = use_departments(session, [application.department_id])[application.department_id]
        institution = institution_served(session, department)
        uow.require(Permission.MANAGE_MATTERS, institution.code, institution.short_name)
        if approve and application.action is ApplicationAction.ADD and not department.active:
            raise InvalidTransition(f"{department.name}已停用,其事项不能列入清单;请不同意此申请,"
                                    f"或先恢复启用该部门(Art. 13)")
        if application.state is not ReviewState.PENDING:
            raise InvalidTransition(f"申请 {application_id} 已{application.state.label},不能再审核")
        if not approve and not (comment and comment.strip()):
            raise ValidationFailed("不同意时须写明理由,以便部门修改后重新申请", field="comment")
        code = application.proposal["code"]
        if approve:
            draft = draft_of(session, institution)
            existing = next((i for i in draft.items if i.code == code), None)
            if application.action is ApplicationAction.ADD:
                if existing is not None:
                    raise Conflict(f"第 {draft.version} 版草稿中已有编号为 {code} 的事项")
                new_item(session, draft, ItemDraft.from_proposal(application.proposal), department.id, None)
            elif existing is not None:
                session.delete(existing)
            where = (f",已列入第 {draft.version} 版草稿" if application.action is ApplicationAction.ADD
                     or existing is not None else f";第 {draft.version} 版草稿中已无此事项,无需再改")
        else:
            where = ""
        application.state = ReviewState.APPROVED if approve else ReviewState.REJECTED
        application.reviewed_by_id, application.reviewed_at = actor.user_id, utcnow()
        application.review_comment = comment.strip() if comment else None
        uow.audit(f"审核{department.short_name}{application.action.label}事项 {code} 的申请:"
                  f"{application.state.label}{where}")
        uow.changed("matters", application.id)
        return _application_info(application, department)


def _own_department_only(viewer: Actor | None, institution: Place | None) -> int | None:
    """The department whose papers alone a viewer sees: a liaison's own, where it does not keep the
    list — another department's applications and rectification notices are not its business."""
    if viewer is None or viewer.department_id is None:
        return None
    keeps = institution is not None and viewer.can(Permission.MANAGE_MATTERS, institution.code)
    return None if keeps else viewer.department_id


def _governed(viewer: Actor | None, institution: Place) -> bool:
    """Whether `viewer` reads the papers of `institution` — the applications made to it and the
    rectification notices it issued (Art. 13): where it views the institution's place, or a place the
    institution's list governs (require_governed_reader). Not a user of another county (Art. 15)."""
    if viewer is None or viewer.is_system or viewer.can(Permission.VIEW, institution.code):
        return True
    return any(in_scope(grant.place_code, institution.code, institution.level)
               for grant in viewer.scopes(Permission.VIEW) or ())


def applications(db: Database, *, place_code: str | None = None, state: ReviewState | None = None,
                 viewer: Actor | None = None) -> list[ApplicationInfo]:
    """Applications (to one institution), newest first; a liaison `viewer` sees its department's only,
    and a `viewer` sees none made to an institution whose list does not govern where it works."""
    with db.session() as session:
        stmt = (select(MatterApplication, Department).join(Department)
                .order_by(MatterApplication.id.desc()))
        if state is not None:
            stmt = stmt.where(MatterApplication.state == state)
        institution = institution_of(get_place(session, place_code)) if place_code else None
        if (own := _own_department_only(viewer, institution)) is not None:
            stmt = stmt.where(MatterApplication.department_id == own)
        rows = session.execute(stmt).all()
        if institution is not None:
            rows = [(a, d) for a, d in rows if institution_served(session, d).id == institution.id]
        rows = [(a, d) for a, d in rows if _governed(viewer, institution or institution_served(session, d))]
        return [_application_info(a, d) for a, d in rows]


# --- rectification (Art. 13(5)) ------------------------------------------------------------------

def _department_scope(uow: UnitOfWork, department_id: int) -> Department:
    department = uow.session.get(Department, department_id)
    if department is None:
        raise NotFound(f"部门 {department_id} 不存在")
    institution = institution_served(uow.session, department)
    uow.require(Permission.MANAGE_MATTERS, institution.code, institution.short_name)
    return department


def issue_rectification(db: Database, actor: Actor, *, department_id: int, reason: str, due_on: date,
                        today: date | None = None) -> RectificationInfo:
    """Art. 13(5): the institution of the same level tells a department to rectify by a deadline."""
    today = today or beijing_today()
    if not reason or not reason.strip():
        raise ValidationFailed("请写明履职不到位的具体情形", field="reason")
    if due_on <= today:
        raise ValidationFailed(f"整改期限 {due_on} 应晚于今天", field="due_on")
    with unit_of_work(db, actor, "matters.rectification", target=f"department:{department_id}") as uow:
        department = _department_scope(uow, department_id)
        if not department.active:
            raise InvalidTransition(f"{department.name}已停用,不再承担清单事项,无需督促整改")
        notice = RectificationNotice(department_id=department.id, issued_by_id=actor.user_id, reason=reason.strip(),
                                     due_on=due_on)
        uow.session.add(notice)
        uow.session.flush()
        uow.audit(f"督促{department.short_name}限期整改(至 {due_on})", target=f"rectification:{notice.id}")
        uow.changed("matters", notice.id)
        return _rectification_info(notice, department)


def close_rectification(db: Database, actor: Actor, notice_id: int, *, response: str) -> RectificationInfo:
    """Record how the department rectified, as it said otherwise than here (on paper), and close the notice."""
    if not response or not response.strip():
        raise ValidationFailed("请记录部门的整改情况", field="response")
    with unit_of_work(db, actor, "matters.rectified", target=f"rectification:{notice_id}") as uow:
        notice, department = _institutions_notice(uow, notice_id)
        if notice.state is RectificationState.RECTIFIED:
            raise InvalidTransition(f"整改通知 {notice_id} 已办结")
        if notice.state is RectificationState.ANSWERED:
            raise InvalidTransition(f"{department.short_name}已报送整改情况,待确认;请确认或退回其报送的整改情况",
                                    article="Art. 13")
        notice.state, notice.rectified_at, notice.response = RectificationState.RECTIFIED, utcnow(), response.strip()
        uow.audit(f"{department.short_name}整改完毕")
        uow.changed("matters", notice.id)
        return _rectification_info(notice, department)


_REPORTING_RECTIFICATION = Message("报送整改情况")()  # what was asked, in a refusal (UnitOfWork.require)


def answer_rectification(db: Database, actor: Actor, notice_id: int, *, report: str,
                         today: date | None = None) -> RectificationInfo:
    """Art. 13(5): the notified department reports how it rectified; the notice awaits the institution's
    confirmation. A report after the deadline is taken, and marked late."""
    today = today or beijing_today()
    if not report or not report.strip():
        raise ValidationFailed("请写明整改情况", field="report")
    with unit_of_work(db, actor, "matters.rectification_answer", target=f"rectification:{notice_id}") as uow:
        notice = _locked_notice(uow, notice_id)
        if not actor.is_system and actor.department_id is not None and (
                notice is None or actor.department_id != notice.department_id):
            # Another department's liaison is told neither which department the notice went to nor whether
            # it exists: its list shows its own department's notices only (Art. 15).
            own = uow.session.get(Department, actor.department_id)
            raise PermissionDenied(f"整改通知 {notice_id} 不是发给{own.name}的;联络员只能报送本部门所收整改通知的整改情况",
                                   article="Art. 15")
        if notice is None:  # for the administrator: refused by name
            raise _no_notice(notice_id)
        department = uow.session.get(Department, notice.department_id)
        if not actor.is_system and actor.department_id != department.id:
            raise PermissionDenied(f"用户“{actor.display_name}”不是{department.name}的联络员,不能报送该部门的整改情况;"
                                   f"整改通知 {notice_id} 的整改情况请由{department.short_name}的联络员报送",
                                   article="Art. 15")
        # Checked where the department works, as its applications are (a township's police station).
        works_in = uow.session.get(Place, department.place_id)
        uow.require(Permission.APPLY_MATTERS, works_in.code, works_in.short_name, action=_REPORTING_RECTIFICATION)
        if notice.state is RectificationState.ANSWERED:
            raise InvalidTransition(f"整改通知 {notice_id} 的整改情况已报送,正待确认;被退回后才可再次报送",
                                    article="Art. 13")
        if notice.state is RectificationState.RECTIFIED:
            raise InvalidTransition(f"整改通知 {notice_id} 已整改完毕,无需再报送整改情况", article="Art. 13")
        late = today > notice.due_on
        notice.answers.append(RectificationAnswer(report=report.strip(), answered_by_id=actor.user_id, late=late))
        notice.state = RectificationState.ANSWERED
        uow.session.flush()  # the report's time is stamped as it is written
        overdue = f",已逾期(整改期限 {notice.due_on})" if late else ""
        uow.audit(f"{department.short_name}报送整改情况{overdue},待确认")
        uow.changed("matters", notice.id)
        return _rectification_info(notice, department)


def confirm_rectification(db: Database, actor: Actor, notice_id: int) -> RectificationInfo:
    """The institution that issued the notice accepts the department's report: rectified."""
    with unit_of_work(db, actor, "matters.rectification_confirm", target=f"rectification:{notice_id}") as uow:
        notice, department = _institutions_notice(uow, notice_id)
        answer = _awaited_answer(notice)
        answer.decided_by_id, answer.decided_at = actor.user_id, utcnow()
        notice.state, notice.rectified_at = RectificationState.RECTIFIED, answer.decided_at
        notice.response = answer.report
        uow.audit(f"确认{department.short_name}整改完毕")
        uow.changed("matters", notice.id)
        return _rectification_info(notice, department)


def return_rectification(db: Database, actor: Actor, notice_id: int, *, reason: str, due_on: date | None = None,
                         today: date | None = None) -> RectificationInfo:
    """The institution finds the department's report wanting: the notice is open again, by the same
    deadline or by `due_on`."""
    today = today or beijing_today()
    if not reason or not reason.strip():
        raise ValidationFailed("退回时须写明理由,以便部门继续整改", field="reason")
    if due_on is not None and due_on <= today:
        raise ValidationFailed(f"整改期限 {due_on} 应晚于今天", field="due_on")
    with unit_of_work(db, actor, "matters.rectification_return", target=f"rectification:{notice_id}") as uow:
        notice, department = _institutions_notice(uow, notice_id)
        answer = _awaited_answer(notice)
        answer.decided_by_id, answer.decided_at, answer.returned_reason = actor.user_id, utcnow(), reason.strip()
        notice.state, notice.due_on = RectificationState.OPEN, due_on or notice.due_on
        deadline = f",整改期限改为 {due_on}" if due_on else f",整改期限仍为 {notice.due_on}"
        uow.audit(f"退回{department.short_name}的整改情况:{reason.strip()}{deadline}")
        uow.changed("matters", notice.id)
        return _rectification_info(notice, department)


def _notice(uow: UnitOfWork, notice_id: int) -> RectificationNotice:
    """The notice, row-locked (PostgreSQL) and as it is now: the department answering and the institution
    deciding or closing it at the same moment are taken one after the other, each checking the state
    the other left, never both on the state they read first."""
    notice = _locked_notice(uow, notice_id)
    if notice is None:
        raise _no_notice(notice_id)
    return notice


def _locked_notice(uow: UnitOfWork, notice_id: int) -> RectificationNotice | None:
    return uow.session.get(RectificationNotice, notice_id, with_for_update=True, populate_existing=True)


def _no_notice(notice_id: int) -> NotFound:
    return NotFound(f"整改通知 {notice_id} 不存在")


def _institutions_notice(uow: UnitOfWork, notice_id: int) -> tuple[RectificationNotice, Department]:
    """A notice decided on by the institution that issued it (Art. 13(5)), its department's."""
    notice = _notice(uow, notice_id)
    return notice, _department_scope(uow, notice.department_id)


def _awaited_answer(notice: RectificationNotice) -> RectificationAnswer:
    """The department's report awaiting the institution's decision."""
    if notice.state is not RectificationState.ANSWERED:
        raise InvalidTransition(f"整改通知 {notice.id} 当前为“{notice.state.label}”,没有待确认的整改情况",
                                article="Art. 13")
    return notice.answers[-1]


def _rectification_info(notice: RectificationNotice, department: Department) -> RectificationInfo:
    answers = tuple(RectificationAnswerInfo(a.report, a.answered_at, a.late, a.decided_at, a.returned_reason)
                    for a in notice.answers)
    return RectificationInfo(notice.id, department.id, department.short_name, notice.reason, notice.due_on,
                             notice.state, notice.response, answers)


def rectifications(db: Database, *, place_code: str | None = None, open_only: bool = False,
                   viewer: Actor | None = None) -> list[RectificationInfo]:
    """Rectification notices (to departments of one institution's level), by deadline; `open_only`: those
    not yet rectified. A liaison `viewer` sees those to its department only, and a `viewer` none issued by
    an institution whose list does not govern where it works."""
    with db.session() as session:
        stmt = (select(RectificationNotice, Department).join(Department)
                .options(selectinload(RectificationNotice.answers)).order_by(RectificationNotice.due_on))
        if open_only:
            stmt = stmt.where(RectificationNotice.state != RectificationState.RECTIFIED)
        institution = institution_of(get_place(session, place_code)) if place_code else None
        if (own := _own_department_only(viewer, institution)) is not None:
            stmt = stmt.where(RectificationNotice.department_id == own)
        rows = session.execute(stmt).all()
        if institution is not None:
            rows = [(n, d) for n, d in rows if institution_served(session, d).id == institution.id]
        rows = [(n, d) for n, d in rows if _governed(viewer, institution or institution_served(session, d))]
        return [_rectification_info(n, d) for n, d in rows]


def awaiting_report(db: Database, actor: Actor) -> tuple[str, list[RectificationInfo]] | None:
    """The notices to a liaison's department still awaiting its report (Art. 13(5)) — issued, or returned with a
    reason — by deadline, and the code of the institution that issued them, whose matter list shows them; None for
    a user who acts for no department."""
    if actor.department_id is None:
        return None
    with db.session() as session:
        institution = institution_served(session, session.get(Department, actor.department_id)).code
    notices = rectifications(db, place_code=institution, open_only=True, viewer=actor)
    return institution, [notice for notice in notices  # its own only, though it may read the institution's all
                         if notice.department_id == actor.department_id and notice.state is RectificationState.OPEN]


def departments(db: Database, place_code: str | None = None) -> list[tuple[int, str]]:
    """(id, short name) of active departments (serving a place's institution), for pickers."""
    with db.session() as session:
        stmt = select(Department).where(Department.active).order_by(Department.code)
        found = session.scalars(stmt).all()
        if place_code:
            institution = institution_of(get_place(session, place_code))
            found = [d for d in found if institution_served(session, d).id == institution.id]
        return [(d.id, d.short_name) for d in found]



def institutions_to_show(db: Database, actor: Actor, place_code: str) -> list[tuple[str, str]]:
    """(code, name) of the city and county whose lists to offer for a place, city first: every one
    above it that has compiled a list — the city's and its county's are both in force there (Art.
    12–14), as `in_force` lists them — and one whose list the actor compiles (MANAGE_MATTERS), so that
    a county admin can start the county's own; the city's alone where none has compiled one."""
    with db.session() as session:
        institutions = [node for node in upward(get_place(session, place_code))
                        if node.level in (PlaceLevel.CITY, PlaceLevel.COUNTY)]
        offered = [node for node in institutions
                   if session.scalar(select(MatterList.id).where(MatterList.place_id == node.id).limit(1)) is not None
                   or actor.can(Permission.MANAGE_MATTERS, node.code)]
        return [(node.code, node.name) for node in reversed(offered or institutions[-1:])]


def list_to_show(db: Database, actor: Actor, place_code: str) -> str:
    """Whose list to open for a place: the nearest institution (county, then city, Art. 12(1)) of
    `institutions_to_show`. A county that has none is governed by the city's list in force."""
    return institutions_to_show(db, actor, place_code)[-1][0]
