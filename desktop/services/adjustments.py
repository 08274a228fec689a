"""Grid division and adjustment (Art. 6): the township proposes, the county institution
approves or rejects, the city institution files it (备案).

A proposal carries the new grid set of each village it names (export the village with
`grids export --under`, edit, propose). Nothing is lost silently: a feature naming a live grid
changes only the properties it gives (`grids.with_live_values`), and a live grid the file
leaves out is retired only when the proposal lists it in `retire`; otherwise the proposal is
refused naming it (GridsLeftOut), since a grid dropped from a file by mistake would take its
base data and cases' place out of the live set. A proposal identical to the live grids of its
villages changes nothing and is refused. The live grid set changes only on approval, when each
replaced version goes to the grid history (a grid the file leaves as it is keeps its version);
`changes` shows per grid what the proposal changes, before the county approves and after (from
that history) when the city files. Each step is a GridAdjustmentStep. Only a township proposal
through this workflow changes grids that exist: other bodies may not draw grids (Art. 6(3)).

A retired grid leaves nothing behind on it: `retiring` names, per grid to be retired, the staff
appointed to it and its open cases (for the proposal and the review), and the approval ends those
appointments on its day and moves those cases to the grid of the new layout containing their point,
or off the grid to the township (services.grid_retirement, which says why).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db import Database
from ..errors import InvalidTransition, LawRefusal, NotFound, PermissionDenied, ValidationFailed
from ..models import AuditEntry, GridAdjustment, GridAdjustmentStep, GridHistory, Place
from ..models.enums import AdjustmentKind, AdjustmentReason, AdjustmentState, AuditOutcome, GridStatus, PlaceLevel
from . import grid_retirement, grids
from .clock import BEIJING, beijing_today
from .geo import geojson_io
from .places import get_place, granted_places, normalise_code
from .security import Actor, Permission
from .unit_of_work import UnitOfWork, unit_of_work

_ARTICLE = "Art. 6"
_APPROVE = "adjustments.approve"  # the action of the audit entry that records what an approval did


class GridsLeftOut(ValidationFailed):
    """The file leaves out live grids that the proposal does not say to retire; `codes` names them,
    `retiring` says per grid who is appointed to it and its open cases, should the proposer retire it."""

    def __init__(self, message: str, codes: tuple[str, ...], problems: list[str],
                 retiring: tuple[grid_retirement.RetiringGrid, ...] = ()):
        super().__init__(message, problems)
        self.codes = codes
        self.retiring = retiring


@dataclass(frozen=True)
class StepInfo:
    from_state: AdjustmentState | None
    to_state: AdjustmentState
    actor_name: str
    at: datetime
    comment: str | None


@dataclass(frozen=True)
class AdjustmentInfo:
    id: int
    township_code: str
    township_name: str
    kind: AdjustmentKind
    reason: AdjustmentReason
    reason_text: str
    state: AdjustmentState
    village_codes: tuple[str, ...]
    grid_count: int
    steps: tuple[StepInfo, ...]

    @property
    def last_opinion(self) -> str:
        """The opinion of the last review or filing step (the proposal's own step holds its reason)."""
        decisions = [step for step in self.steps if step.from_state is not None]
        return (decisions[-1].comment or "") if decisions else ""

    @classmethod
    def of(cls, adjustment: GridAdjustment, township: Place) -> AdjustmentInfo:
        proposal = adjustment.proposal
        return cls(
            adjustment.id, township.code, township.name, adjustment.kind, adjustment.reason, adjustment.reason_text,
            adjustment.state, tuple(proposal.get("villages", ())), len(proposal.get("features", ())),
            tuple(StepInfo(s.from_state, s.to_state, s.actor_name, s.at, s.comment) for s in adjustment.steps),
        )


def _step(uow: UnitOfWork, adjustment: GridAdjustment, to_state: AdjustmentState, comment: str | None) -> None:
    uow.session.add(GridAdjustmentStep(adjustment=adjustment, from_state=adjustment.state,
                                       to_state=to_state, actor_id=uow.actor.user_id,
                                       actor_name=uow.actor.display_name, comment=comment or None))
    adjustment.state = to_state
    uow.session.flush()


def propose(db: Database, actor: Actor, *, township_code: str, kind: AdjustmentKind, reason: AdjustmentReason,
            reason_text: str, proposal: dict, crs: str = "wgs84", retire: tuple[str, ...] = ()) -> AdjustmentInfo:
    """The township proposes a division or adjustment with its reason (Art. 6(2), 6(4)).

    `retire`: live grids (codes) to retire, which the file leaves out; any other live grid of
    the villages concerned must be in the file. The proposed grid set, completed with the live
    values it does not give, is checked like an import (all problems reported, nothing stored
    on error) and stored in WGS84.
    """
    grids.refuse_other_bodies(actor)
    if not reason_text.strip():
        raise ValidationFailed("请写明调整理由(Art. 6 所列情形的具体说明)", field="reason_text", article=_ARTICLE)
    with unit_of_work(db, actor, "adjustments.propose", target=township_code) as uow:
        township = get_place(uow.session, township_code)
        if township.level is not PlaceLevel.TOWNSHIP:
            raise ValidationFailed(f"{township.name}不是乡镇(街道):网格划分调整由乡镇(街道)提出", article=_ARTICLE)
        uow.require(Permission.PROPOSE_GRIDS, township.code, township.short_name)
        if not actor.holds_at(Permission.PROPOSE_GRIDS, township.code, PlaceLevel.TOWNSHIP):
            raise LawRefusal(f"网格划分调整应由{township.name}提出;县、市级用户请审核或备案乡镇的申请",
                             article=_ARTICLE)
        retired = {normalise_code(code) for code in retire}
        extra = {code[:12] for code in retired}
        collection = grids.with_live_values(uow.session, geojson_io.as_collection(proposal))
        specs, covered = grids.validated_grid_set(uow.session, collection, crs, extra,
                                                  outcome="申请未提出;请修正网格文件后重新提出", retiring=retired)
        _check_villages(township, covered, extra)
        live = grids.active_grids(uow.session, covered)
        try:
            _check_left_out(live, specs, retired)
        except GridsLeftOut as exc:
            exc.retiring = tuple(grid_retirement.survey(uow.session, [live[code] for code in exc.codes],
                                                        beijing_today()))
            raise
        if grids.changes_nothing(uow.session, specs, covered):
            names = "、".join(f"{village.short_name}({code})" for code, village in sorted(covered.items()))
            raise ValidationFailed(f"申请未提出:{names}的在用网格与申请完全相同(共 {len(specs)} 个网格,名称、边界、"
                                   "基础数据和船只名册均无变化),没有需要调整的内容;请先修改要调整的网格再提出")
        _refuse_pending(uow, township, set(covered))
        stored = geojson_io.collection([grids.spec_feature(spec) for spec in specs], villages=sorted(covered),
                                       retire=sorted(retired))
        adjustment = GridAdjustment(township_id=township.id, kind=kind, reason=reason, reason_text=reason_text.strip(),
                                    proposal=stored, proposed_by_id=actor.user_id)
        uow.session.add(adjustment)
        _step(uow, adjustment, AdjustmentState.PROPOSED, reason_text.strip())
        retiring = f",撤销 {'、'.join(sorted(retired))}" if retired else ""
        survey = grid_retirement.survey(uow.session, [live[code] for code in sorted(retired)], beijing_today())
        uow.audit(f"{township.short_name}提出网格{kind.label}:{len(specs)} 个网格,{len(covered)} 个村(社区){retiring}",
                  target=f"grid_adjustment:{adjustment.id}", reason=reason.value, grids=len(specs),
                  retire=sorted(retired), retiring=[str(grid) for grid in survey])
        uow.changed("grid_adjustments", adjustment.id, township_id=township.id)
        return AdjustmentInfo.of(adjustment, township)


def _check_villages(township: Place, covered: dict[str, Place], extra: set[str]) -> None:
    problems = [f"村(社区){code} 不在区划树中" for code in extra - set(covered)]
    problems += [f"{place.name}({code})不属于{township.name}" for code, place in covered.items()
                 if place.parent_id != township.id]
    if not covered:
        problems.append("申请没有涉及任何村(社区):请附上调整后的网格,或列出要撤销的网格")
    if problems:
        raise ValidationFailed("调整申请涉及的村(社区)有误", problems=problems)


def _check_left_out(live: dict[str, Place], specs: list[grids.GridSpec], retired: set[str]) -> None:
    """Refuse unless the live grids the file leaves out are exactly those the proposal retires."""
    proposed = {spec.code for spec in specs}
    left_out = set(live) - proposed
    not_live = sorted(retired - left_out)
    if not_live:
        raise ValidationFailed("要撤销的网格有误", problems=[
            f"{code} 在申请文件中,不能同时撤销" if code in proposed else f"{code} 不是所涉村(社区)的在用网格"
            for code in not_live])
    unasked = sorted(left_out - retired)
    if unasked:
        raise GridsLeftOut(
            f"申请文件没有列出 {len(unasked)} 个在用网格;未经写明,网格不会被撤销。如确要撤销,请在申请中"
            "写明撤销这些网格;否则请把它们补入网格文件(写明 code、name 和边界即可,其余属性保留现有数据;"
            "现有边界可用“网格导出”取得)",
            tuple(unasked), [f"{live[code].name}({code})" for code in unasked])


def _refuse_pending(uow: UnitOfWork, township: Place, villages: set[str]) -> None:
    pending = uow.session.scalars(select(GridAdjustment).where(
        GridAdjustment.township_id == township.id, GridAdjustment.state == AdjustmentState.PROPOSED))
    for other in pending:
        shared = villages & set(other.proposal.get("villages", ()))
        if shared:
            raise InvalidTransition(f"村(社区){'、'.join(sorted(shared))}已有待县级审核的调整申请 #{other.id};"
                                    "请等待其审核结果,或在该申请被退回后重新提出")


def _load(uow: UnitOfWork, adjustment_id: int) -> tuple[GridAdjustment, Place]:
    adjustment = uow.session.get(GridAdjustment, adjustment_id)
    if adjustment is None:
        raise NotFound(f"没有编号为 #{adjustment_id} 的网格调整申请")
    uow.target = f"grid_adjustment:{adjustment.id}"
    return adjustment, uow.session.get(Place, adjustment.township_id)


def _expect(adjustment: GridAdjustment, state: AdjustmentState, doing: str) -> None:
    if adjustment.state is not state:
        raise InvalidTransition(f"申请 #{adjustment.id} 当前为“{adjustment.state.label}”,只有“{state.label}”的申请可以{doing}",
                                article=_ARTICLE)


def _decide_as_county(uow: UnitOfWork, adjustment: GridAdjustment, township: Place) -> None:
    _expect(adjustment, AdjustmentState.PROPOSED, "由县(区)审核")
    uow.require(Permission.APPROVE_GRIDS, township.code, township.short_name)
    if not uow.actor.holds_at(Permission.APPROVE_GRIDS, township.code, PlaceLevel.COUNTY):
        raise LawRefusal("网格划分调整须经县(区)网格化服务管理机构同意;请由县(区)管理员审核", article=_ARTICLE)


def approve(db: Database, actor: Actor, adjustment_id: int, *, comment: str = "") -> AdjustmentInfo:
    """The county institution agrees; only now does the live grid set change (Art. 6(2)).

    Nothing is left on a grid it retires (services.grid_retirement): the appointments to it end
    on the day of the approval, and its open cases move to the grid of the new layout containing
    their point, or else off the grid to the township (the triage list for one not yet handled).
    One audit entry names every appointment ended and every case moved, and the grids the approval
    kept as they were (which `changes` reads back); each case's timeline says where it went and why.
    """
    with unit_of_work(db, actor, _APPROVE) as uow:
        adjustment, township = _load(uow, adjustment_id)
        _decide_as_county(uow, adjustment, township)
        # Checked again: boundaries or other grids may have changed since the proposal.
        specs, villages = grids.validated_grid_set(
            uow.session, adjustment.proposal, "wgs84", set(adjustment.proposal.get("villages", ())),
            retiring=set(adjustment.proposal.get("retire", ())), outcome=f"申请 #{adjustment.id} 提出后边界或网格已有变化,不能照此同意;请不同意并请乡镇(街道)修正后重新提出")
        live = grids.active_grids(uow.session, villages)
        try:
            _check_left_out(live, specs, set(adjustment.proposal.get("retire", ())))
        except GridsLeftOut as exc:
            raise InvalidTransition(f"申请 #{adjustment.id} 没有写明撤销在用网格{'、'.join(exc.problems)},同意后这些"
                                    "网格将被撤销;请不同意并请乡镇(街道)重新提出", article=_ARTICLE) from exc
        proposed = {spec.code for spec in specs}
        retired = [place for code, place in live.items() if code not in proposed]
        counts = grids.apply_grid_set(uow.session, specs, villages, adjustment_id=adjustment.id)
        uow.session.flush()  # the new layout in place before the cases are routed in it
        settlement = grid_retirement.settle(uow, retired, township, adjustment_id=adjustment.id, on=beijing_today())
        _step(uow, adjustment, AdjustmentState.APPROVED, comment)
        uow.detail.clear()  # each case's own audit details are in its timeline; this entry is the approval's
        settled = (f";离任 {len(settlement.ended)} 人、案件改归新网格 {len(settlement.regridded)} 件、"
                   f"转由乡镇(街道)处理 {len(settlement.to_township)} 件" if retired else "")
        revived = f"、重新启用 {len(counts.revived)}({'、'.join(counts.revived)})" if counts.revived else ""
        uow.audit(f"同意{township.short_name}网格{adjustment.kind.label}:新增 {counts.created}、变更 {counts.updated}、"
                  f"撤销 {counts.retired}{revived}{settled}", target=f"grid_adjustment:{adjustment.id}",
                  created=counts.created, updated=counts.updated, retired=counts.retired, revived=list(counts.revived),
                  kept=list(counts.kept),
                  ended_staff=list(settlement.ended), regridded=list(settlement.regridded),
                  to_township=list(settlement.to_township))
        uow.changed("grid_adjustments", adjustment.id, township_id=township.id)
        for village in villages.values():
            uow.changed("places", village.id, township_id=township.id)
        return AdjustmentInfo.of(adjustment, township)


def reject(db: Database, actor: Actor, adjustment_id: int, *, comment: str) -> AdjustmentInfo:
    """The county institution does not agree, saying why; the live grids stay as they are."""
    if not comment.strip():
        raise ValidationFailed("不同意时须写明审核意见,以便乡镇(街道)修改后重新提出", field="comment")
    with unit_of_work(db, actor, "adjustments.reject") as uow:
        adjustment, township = _load(uow, adjustment_id)
        _decide_as_county(uow, adjustment, township)
        _step(uow, adjustment, AdjustmentState.REJECTED, comment.strip())
        uow.audit(f"不同意{township.short_name}网格{adjustment.kind.label}", comment=comment.strip())
        uow.changed("grid_adjustments", adjustment.id, township_id=township.id)
        return AdjustmentInfo.of(adjustment, township)


def file(db: Database, actor: Actor, adjustment_id: int, *, comment: str = "") -> AdjustmentInfo:
    """The city institution files (备案) an approved adjustment (Art. 6(2))."""
    with unit_of_work(db, actor, "adjustments.file") as uow:
        adjustment, township = _load(uow, adjustment_id)
        _expect(adjustment, AdjustmentState.APPROVED, "报市级备案")
        uow.require(Permission.FILE_GRIDS, township.code, township.short_name)
        if not actor.holds_at(Permission.FILE_GRIDS, township.code, PlaceLevel.CITY):
            raise LawRefusal("网格划分调整报市网格化服务管理机构备案;请由市级管理员办理", article=_ARTICLE)
        _step(uow, adjustment, AdjustmentState.FILED, comment)
        uow.audit(f"{township.short_name}网格{adjustment.kind.label}已备案")
        uow.changed("grid_adjustments", adjustment.id, township_id=township.id)
        return AdjustmentInfo.of(adjustment, township)


def list_adjustments(db: Database, actor: Actor, *, under: str | None = None,
                     state: AdjustmentState | None = None) -> list[AdjustmentInfo]:
    """Adjustments of the townships the actor may view (Art. 15), newest first, optionally of
    townships under a place and in one state."""
    with db.session() as session:
        stmt = (select(GridAdjustment, Place).join(Place, Place.id == GridAdjustment.township_id)
                .options(selectinload(GridAdjustment.steps)).order_by(GridAdjustment.id.desc()))
        visible = granted_places(actor)
        if visible is not None:
            stmt = stmt.where(visible)
        if under:
            root = get_place(session, under)
            stmt = stmt.where(Place.code.startswith(root.code[: root.level.code_prefix_length]))
        if state is not None:
            stmt = stmt.where(GridAdjustment.state == state)
        return [AdjustmentInfo.of(adjustment, township) for adjustment, township in session.execute(stmt)]


def retiring(db: Database, actor: Actor, adjustment_id: int) -> list[grid_retirement.RetiringGrid]:
    """Per grid the adjustment retires (by code): the staff appointed to it and its open cases.

    Before approval, as they are now (what the approval will settle); once approved, what the
    approval settled: the appointments it ended on its day and the cases it moved off the grid.
    Only for an actor who may view the township (Art. 15).
    """
    with db.session() as session:
        adjustment, _ = _viewable(session, actor, adjustment_id)
        retired = [change.code for change in _changes(session, adjustment) if change.kind is GridChangeKind.RETIRED]
        places = list(session.scalars(select(Place).where(Place.code.in_(retired))))
        if adjustment.state in (AdjustmentState.APPROVED, AdjustmentState.FILED):
            approved_at = next(step.at for step in adjustment.steps if step.to_state is AdjustmentState.APPROVED)
            return grid_retirement.settled(session, places, adjustment.id, approved_at.astimezone(BEIJING).date())
        return grid_retirement.survey(session, places, beijing_today())


class GridChangeKind(Enum):
    NEW = "new"
    CHANGED = "changed"
    RETIRED = "retired"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class GridChange:
    """What an adjustment does to one grid; `fields` are (field, before, after), see grids.COMPARED;
    `vessels`, each vessel of its roster added, taken off or changed."""

    code: str
    name: str
    kind: GridChangeKind
    fields: tuple[tuple[str, object, object], ...] = ()
    vessels: tuple[grids.VesselChange, ...] = ()


def changes(db: Database, actor: Actor, adjustment_id: int) -> list[GridChange]:
    """Per grid, what the adjustment changes: retired grids first, then by code.

    Before approval the proposal is compared with the live grids; once approved, with the
    versions it closed (the grid history), so that the city filer sees what was changed.
    Only for an actor who may view the township (Art. 15), and skippers' phones masked for one who
    may not view personal data.
    """
    with db.session() as session:
        adjustment, township = _viewable(session, actor, adjustment_id)
        found = _changes(session, adjustment)
    if actor.can(Permission.VIEW_SENSITIVE, township.code):
        return found
    return [replace(change, vessels=tuple(vessel.masked() for vessel in change.vessels)) for change in found]


def _viewable(session, actor: Actor, adjustment_id: int) -> tuple[GridAdjustment, Place]:
    adjustment = session.get(GridAdjustment, adjustment_id)
    if adjustment is None:
        raise NotFound(f"没有编号为 #{adjustment_id} 的网格调整申请")
    township = session.get(Place, adjustment.township_id)
    if not actor.can(Permission.VIEW, township.code):
        raise PermissionDenied(f"用户“{actor.display_name}”没有查看 {township.short_name}({township.code})"
                               f"网格调整申请的权限;请由该地区的用户查看", article="Art. 15")
    return adjustment, township


def _changes(session, adjustment: GridAdjustment) -> list[GridChange]:
    """What `changes` returns, in an open session."""
    specs, _ = grids.read_grid_set(adjustment.proposal)
    after = {spec.code: spec for spec in specs}
    kept: set[str] = set()
    if adjustment.state in (AdjustmentState.APPROVED, AdjustmentState.FILED):
        rows = session.scalars(select(GridHistory).where(GridHistory.adjustment_id == adjustment.id)).all()
        before = {row.snapshot["code"]: (row.name, grids.history_values(row)) for row in rows
                  if row.snapshot.get("status") == GridStatus.ACTIVE.value}
        kept = _kept(session, adjustment, set(after) - {row.snapshot["code"] for row in rows})
    else:
        villages = {p.code: p for p in session.scalars(
            select(Place).where(Place.code.in_(adjustment.proposal.get("villages", ()))))}
        before = {code: (place.name, grids.live_values(place))
                  for code, place in grids.active_grids(session, villages).items()}
    result = [GridChange(code, name, GridChangeKind.RETIRED) for code, (name, _) in sorted(before.items())
              if code not in after]
    for code, spec in sorted(after.items()):
        if code in kept:
            result.append(GridChange(code, spec.name, GridChangeKind.UNCHANGED))
        elif code not in before:
            result.append(GridChange(code, spec.name, GridChangeKind.NEW))
        else:
            old, new = before[code][1], grids.spec_values(spec)
            fields, vessels = tuple(grids.changed_fields(old, new)), grids.vessel_changes(old, new)
            if not fields and old["vessels"] is None:
                # A version the approval closed with all else the same: its roster, which the history does not
                # keep, is what changed.
                fields = (("vessels", None, len(new["vessels"])),)
            result.append(GridChange(code, spec.name, GridChangeKind.CHANGED if fields or vessels
                                     else GridChangeKind.UNCHANGED, fields, vessels))
    return result


def _kept(session, adjustment: GridAdjustment, unversioned: set[str]) -> set[str]:
    """Of the grids an approved adjustment names but closed no version of, those it left as they were
    (the others it created), as its approval's audit entry records them."""
    recorded = _approval_detail(session, adjustment)
    if "kept" in recorded:  # only of those it closed no version of: a grid it changed was not kept
        return set(recorded["kept"]) & unversioned
    # Approved before approvals recorded this: judged by when each grid was made, which a grid made by
    # another path while the proposal waited, or two desks' clocks apart, can put on the wrong side.
    proposed_at = adjustment.steps[0].at
    return set(session.scalars(select(Place.code).where(Place.code.in_(unversioned),
                                                        Place.created_at < proposed_at)))


def _approval_detail(session, adjustment: GridAdjustment) -> dict:
    return session.scalar(select(AuditEntry.detail).where(
        AuditEntry.action == _APPROVE, AuditEntry.target == f"grid_adjustment:{adjustment.id}",
        AuditEntry.outcome == AuditOutcome.OK).order_by(AuditEntry.id.desc()).limit(1)) or {}
