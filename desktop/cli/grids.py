"""`grids import|export`, `boundaries import` and `adjustments …` (Art. 6–7)."""

from __future__ import annotations

import argparse

from ..services import adjustments, grids
from ..services.geo import geojson_io
from ..models.enums import AdjustmentKind, AdjustmentReason, AdjustmentState, GridStatus
from ..services.clock import beijing_text
from . import file_help
from .places import print_table


# How a grid's state reads in its history (kept there as GridStatus's value).
_STATUS = {status.value: status.label for status in GridStatus}


def _crs(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--crs", choices=geojson_io.CRS_CHOICES, default="wgs84",
                     help="输入坐标系:wgs84(含 CGCS2000)或 gcj02(高德、DataV 绘制的数据)")


def _grids_import(ctx, args) -> None:
    result = grids.import_grids(ctx.db, ctx.actor, geojson_io.read_collection(args.file), crs=args.crs,
                                dry_run=args.dry_run)
    verb = "检查通过,可导入" if result.dry_run else "导入"
    ctx.print(f"{verb}网格 {result.grids} 个(村(社区){result.villages} 个,船只 {result.vessels} 条)")
    if result.revived:  # a code reused is the old grid back, with its history, not a new grid
        ctx.print(f"其中 {len(result.revived)} 个是已撤销的网格,{'将' if result.dry_run else '已'}按原代码重新启用"
                  f"(历史保留,Art. 6):{'、'.join(result.revived)}")


def _grids_export(ctx, args) -> None:
    result = grids.export_grids(ctx.db, ctx.actor, args.file, under=args.under)
    left_out = (";没有查看敏感个人信息的权限,船长姓名和电话未导出(Art. 15),该文件不能原样重新导入船只名册"
                if result.contacts_left_out else "")
    ctx.print(f"已导出网格 {result.grids} 个到 {args.file}{left_out}")


def _history(ctx, args) -> None:
    versions = grids.grid_history(ctx.db, ctx.actor, args.code)
    print_table(ctx, ["起", "止", "名称", "类型", "状态", "面积(平方公里)", "结束于调整"],
                [[beijing_text(v.valid_from), beijing_text(v.valid_to, missing="至今"), v.name, v.kind.label,
                  _STATUS.get(v.status, v.status), "" if v.area_km2 is None else f"{v.area_km2:.3f}",
                  f"#{v.adjustment_id}" if v.adjustment_id else ""] for v in versions])


def _boundaries_import(ctx, args) -> None:
    result = grids.import_boundaries(ctx.db, ctx.actor, geojson_io.read_collection(args.file), crs=args.crs)
    ctx.print(f"已设置边界 {result.updated} 个:{'、'.join(result.codes)}")
    if result.layout:  # said, not refused: the grids follow by an adjustment (Art. 6)
        ctx.print(f"注意:在用网格与新边界有 {len(result.layout)} 处不符,请按第六条提出网格调整:")
        for line in result.layout:
            ctx.print(f"  - {line}")


def _propose(ctx, args) -> None:
    info = adjustments.propose(
        ctx.db, ctx.actor, township_code=args.township, kind=AdjustmentKind.from_label(args.kind),
        reason=AdjustmentReason.from_label(args.reason), reason_text=args.text,
        proposal=geojson_io.read_collection(args.file), crs=args.crs, retire=args.retire or (),
    )
    ctx.print(f"已提出网格{info.kind.label}申请 #{info.id}({info.township_name}),等待县(区)审核")
    _print_retiring(ctx, info)


def _print_retiring(ctx, info: adjustments.AdjustmentInfo) -> None:
    """Per grid retired: its staff and open cases, and what the approval does or did with them (Art. 6)."""
    retiring = adjustments.retiring(ctx.db, ctx.actor, info.id)
    if not retiring:
        return
    if info.state in (AdjustmentState.APPROVED, AdjustmentState.FILED):
        ctx.print("撤销网格的人员已于同意当日离任(须在人员窗口另行任用);未办结案件已按位置改归新网格,"
                  "无位置或不在新网格内的转由乡镇(街道)处理(待受理的进入待分拨清单)(Art. 6):")
    else:
        ctx.print("撤销网格的人员和未办结案件;同意后,人员于同意当日离任(须在人员窗口另行任用),案件按位置改归新网格,"
                  "无位置或不在新网格内的转由乡镇(街道)处理(待受理的进入待分拨清单)(Art. 6):")
    for grid in retiring:
        cases = f"({'、'.join(grid.open_cases)})" if grid.open_cases else ""
        ctx.print(f"  - {grid}{cases}")


def _decide(action):
    def handler(ctx, args) -> None:
        info = action(ctx.db, ctx.actor, args.id, comment=args.comment)
        ctx.print(f"申请 #{info.id}:{info.state.label}")
        if action is adjustments.approve:
            _print_retiring(ctx, info)
    return handler


_CHANGE_LABELS = {adjustments.GridChangeKind.NEW: "新增", adjustments.GridChangeKind.CHANGED: "变更",
                  adjustments.GridChangeKind.RETIRED: "撤销", adjustments.GridChangeKind.UNCHANGED: "不变"}


_VESSEL_LABELS = {"name": "船名", "skipper": "船长", "phone": "电话"}


def vessel_text(change: grids.VesselChange) -> str:
    """A vessel of the roster added, taken off, or its details changed (as the desk's review window says it)."""
    vessel = change.after or change.before
    if change.before is None:
        return f"新增船只 {vessel.registration_no}({vessel.name}):船长 {vessel.skipper},电话 {vessel.phone or '—'}"
    if change.after is None:
        return f"移出船只 {vessel.registration_no}({vessel.name})"
    return f"船只 {vessel.registration_no}:" + ",".join(
        f"{_VESSEL_LABELS[key]} 已变更" if old == new  # hidden alike (Art. 15): changed all the same
        else f"{_VESSEL_LABELS[key]} {old or '—'} → {new or '—'}" for key, old, new in change.fields)


def _show(ctx, args) -> None:
    changes = adjustments.changes(ctx.db, ctx.actor, args.id)  # refuses an unknown or out-of-scope number
    info = next(i for i in adjustments.list_adjustments(ctx.db, ctx.actor) if i.id == args.id)
    ctx.print(f"申请 #{info.id}:{info.township_name} 网格{info.kind.label}({info.reason.label}),{info.state.label};"
              f"理由:{info.reason_text}")
    print_table(ctx, ["网格", "变化", "变更前 → 变更后"],
                [[f"{c.name}({c.code})", _CHANGE_LABELS[c.kind],
                  ";".join([f"{key} {before} → {after}" for key, before, after in c.fields]
                           + [vessel_text(vessel) for vessel in c.vessels])] for c in changes])
    _print_retiring(ctx, info)


def _list(ctx, args) -> None:
    state = AdjustmentState.from_label(args.state) if args.state else None
    found = adjustments.list_adjustments(ctx.db, ctx.actor, under=args.under, state=state)
    print_table(ctx, ["编号", "乡镇(街道)", "类型", "原因", "状态", "网格", "理由"],
                [[f"#{info.id}", info.township_name, info.kind.label, info.reason.label, info.state.label,
                  f"{info.grid_count} 个", info.reason_text] for info in found])
    ctx.print(f"共 {len(found)} 件申请")


def register(cli) -> None:
    group = cli.group("grids", "网格 导入导出 (grids: GeoJSON import/export)")
    sub = cli.command("import", "导入村(社区)的初始网格划分(全部通过检查才写入)", _grids_import, group=group,
                      epilog=file_help.grids_import_epilog())
    sub.add_argument("file", metavar="FILE.geojson")
    _crs(sub)
    sub.add_argument("--dry-run", action="store_true", help="只检查,不写入")
    sub = cli.command("export", "导出在用网格为 GeoJSON(可重新导入;船长姓名和电话需查看敏感个人信息权限)",
                      _grids_export, group=group)
    sub.add_argument("file", metavar="FILE.geojson")
    sub.add_argument("--under", metavar="CODE", help="只导出该地点下的网格")

    sub = cli.command("history", "网格沿革:历次调整(Art. 6)前后的名称、类型、状态和面积", _history, group=group)
    sub.add_argument("code", metavar="CODE", help="网格代码")

    group = cli.group("boundaries", "区划边界 (unit boundaries)")
    sub = cli.command("import", "导入县、乡镇、村(社区)边界,按代码或名称匹配", _boundaries_import, group=group,
                      epilog=file_help.boundaries_import_epilog())
    sub.add_argument("file", metavar="FILE.geojson")
    _crs(sub)

    group = cli.group("adjustments", "网格划分调整 grid adjustments (Art. 6: 乡镇提出、县级同意、市级备案)")
    sub = cli.command("propose", "乡镇(街道)提出网格划分或调整", _propose, group=group,
                      epilog=file_help.GEOJSON + "\n\nFeature 的 properties(同 grids import):\n"
                      + file_help.grid_properties())
    sub.add_argument("file", metavar="FILE.geojson", help="调整后相关村(社区)的网格;已有网格未写的属性保持不变")
    sub.add_argument("--township", required=True, metavar="CODE")
    sub.add_argument("--kind", default="adjust", choices=[k.value for k in AdjustmentKind])
    sub.add_argument("--reason", required=True, choices=[r.value for r in AdjustmentReason])
    sub.add_argument("--text", required=True, help="调整理由说明")
    sub.add_argument("--retire", action="append", metavar="CODE",
                     help="要撤销的在用网格(文件中不列出);文件漏列而未写明撤销的网格会使申请被退回,可重复")
    _crs(sub)
    for name, action, help in [("approve", adjustments.approve, "县(区)同意"),
                               ("reject", adjustments.reject, "县(区)不同意(须写明意见)"),
                               ("file", adjustments.file, "市级备案")]:
        sub = cli.command(name, help, _decide(action), group=group)
        sub.add_argument("id", type=int)
        sub.add_argument("--comment", default="", help="意见")
    sub = cli.command("show", "查看网格调整申请:逐个网格的变化,撤销网格的人员和未办结案件", _show, group=group)
    sub.add_argument("id", type=int)
    sub = cli.command("list", "列出网格调整申请", _list, group=group)
    sub.add_argument("--under", metavar="CODE")
    sub.add_argument("--state", choices=[s.value for s in AdjustmentState])
