"""The matter list 事项清单 (Art. 12–13)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import LawRefusal, NotFound
from ..said import Message
from ..models import MatterItem, MatterList, Place
from ..models.enums import MatterListState
from .places import upward


def lists_in_force(session: Session, place: Place, on: date) -> list[MatterList]:
    """The newest published list of each institution above `place` (city and county), on a day."""
    chain_ids = [node.id for node in upward(place)]
    published = session.scalars(
        select(MatterList)
        .where(MatterList.place_id.in_(chain_ids), MatterList.state != MatterListState.DRAFT,
               MatterList.published_on <= on)
        .order_by(MatterList.place_id, MatterList.version.desc())
    )
    newest: dict[int, MatterList] = {}
    for matter_list in published:
        newest.setdefault(matter_list.place_id, matter_list)
    return list(newest.values())


def lists_still_current(session: Session, today: date) -> list[int]:
    """Ids of every version that names departments and contacts for now or later: drafts, published
    versions, and a superseded one still in force until its successor takes effect."""
    current = set(session.scalars(select(MatterList.id).where(MatterList.state.in_(
        [MatterListState.DRAFT, MatterListState.PUBLISHED]))))
    newest: dict[int, int] = {}
    for place_id, list_id in session.execute(
            select(MatterList.place_id, MatterList.id)
            .where(MatterList.state != MatterListState.DRAFT, MatterList.published_on <= today)
            .order_by(MatterList.place_id, MatterList.version.desc())):
        newest.setdefault(place_id, list_id)
    return sorted(current | set(newest.values()))


def current_version_of(session: Session, item: MatterItem, place: Place, on: date) -> MatterItem | None:
    """The item as the list in force for `place` on `on` holds it: a new version copies the items it
    keeps under their codes, so a case taken in under an earlier version's item is still under that
    item while its institution's list in force has the code; None once the item has been retired."""
    kept = next((ml for ml in lists_in_force(session, place, on)
                 if ml.place_id == session.get(MatterList, item.matter_list_id).place_id), None)
    if kept is None:
        return None
    if kept.id == item.matter_list_id:
        return item
    return session.scalar(select(MatterItem).where(MatterItem.matter_list_id == kept.id, MatterItem.code == item.code))


# Why grid staff may not be given a case (Art. 13(3)).
_NO_ITEM = Message("未指定事项清单中的事项,不得要求网格工作人员办理或者协助;请派遣给承办部门或上报")()
_NO_SUCH_ITEM = Message("事项 {item} 不存在")
_ITEM_NOT_IN_FORCE = Message("事项“{title}”({code})不在现行网格化服务管理事项清单内,不得要求网格工作人员办理或者协助;"
                             "请派遣给承办部门或上报")
_NOT_A_GRID_TASK = Message("事项“{title}”({code})在现行清单内,但未列为网格工作人员办理或者协助的事项,"
                           "不得交网格工作人员办理;请派遣给承办部门")


def require_listed_grid_task(session: Session, matter_item_id: int | None, place: Place, on: date) -> MatterItem:
    """Refuse a task to grid staff that is not on the matter list in force (Art. 13(3)).

    《条例》第十三条:未纳入网格化服务管理事项清单的,不得要求网格工作人员办理或者协助。
    """
    if matter_item_id is None:
        raise LawRefusal(_NO_ITEM, article="Art. 13")
    named = session.get(MatterItem, matter_item_id)
    if named is None:
        raise NotFound(_NO_SUCH_ITEM(item=matter_item_id))
    item = current_version_of(session, named, place, on)
    if item is None:
        raise LawRefusal(_ITEM_NOT_IN_FORCE(title=named.title, code=named.code), article="Art. 13")
    if not item.grid_staff_task:
        raise LawRefusal(_NOT_A_GRID_TASK(title=item.title, code=item.code), article="Art. 13")
    return item
