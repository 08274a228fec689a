"""`griddesk-admin emergencies report …`, `emergencies list`, `emergencies steps ID`, `emergencies record STEP --content TEXT`,
`emergencies handled ID`, `emergencies final ID --content TEXT`, `emergencies acknowledge ID`,
`emergencies correct STEP --at TIME --reason TEXT`, `emergencies reopen ID --reason TEXT`,
`emergencies ladder [--show | --set KEY=VALUE ...]`, `emergencies phones [--set CODE=PHONE ...]` and `print bulletin ID -o OUT.pdf` (Art. 21)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..errors import ValidationFailed
from ..models import utcnow
from ..models.enums import EmergencyLevel, EmergencyType
from ..services import emergencies, emergency_corrections
from ..services.clock import BEIJING, beijing_text, due_text
from ..services.printing.bulletin import write_bulletin
from .key_value import number_or_text, split_setting
from .places import print_table


def _list(ctx, args) -> int:
    reports = emergencies.list_reports(ctx.db, ctx.actor, open_only=args.open, under=args.under)
    if not reports:
        ctx.print("没有紧急情况报告")
        return 0
    rows = []
    for info in reports:
        overdue = info.overdue_count()  # each follow-up round fallen due while one is owed, too
        # As the desk marks them: a warning of what may happen (预警) is not taken for one that happened.
        flags = [flag for flag, shown in (("未确认", info.acknowledged_at is None), ("预警", info.anticipated),
                                          (f"超时{overdue}项", overdue)) if shown]
        rows.append([info.id, info.number, f"{info.learned_at.astimezone(BEIJING):%Y-%m-%d %H:%M}", info.type.label,
                     info.level.label, info.state.label, info.title, " ".join(flags)])
    print_table(ctx, ["序号", "编号", "获知时间", "类型", "级别", "状态", "标题", "提示"], rows)
    return 0


def _at(text: str | None, option: str = "--at") -> datetime | None:
    """A Beijing time typed as YYYY-MM-DD HH:MM (None: now)."""
    if text is None:
        return None
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)
    except ValueError:
        raise ValidationFailed(f"{option} {text!r}:应写作北京时间 YYYY-MM-DD HH:MM,如 \"2026-11-27 09:30\"",
                               field=option) from None


def _show_steps(ctx, info) -> None:
    ctx.print(f"{info.number} {info.title}({info.state.label})")
    print_table(ctx, ["步骤号", "环节", "报送对象", "时限", "报送时间", "报送人", "情况"],
                [[step.id, step.kind.label, step.to_level.label, due_text(step.due_at),
                  beijing_text(step.done_at, "%Y-%m-%d %H:%M", "—"), step.done_by or "—", step.status()]
                 for step in info.steps])
    for heading, changes in (("续报补充、更新的事实:", info.facts_supplemented), ("更正记录:", info.mistakes_corrected)):
        if changes:
            ctx.print(heading)
            for change in changes:
                ctx.print(f"  {beijing_text(change.at, '%Y-%m-%d %H:%M')} {change.by}:{change.message}")


def _steps(ctx, args) -> int:
    _show_steps(ctx, emergencies.get_report(ctx.db, ctx.actor, emergencies.report_id(ctx.db, ctx.actor, args.id)))
    return 0


def _record(ctx, args) -> int:
    info = emergencies.record_step(ctx.db, ctx.actor, args.step, args.content, done_at=_at(args.done_at))
    ctx.print("已登记报送")
    _show_steps(ctx, info)
    return 0


def _choice(enum, text: str, option: str):
    """An enum member named by its value (any case), its Chinese label, or the label's short name
    before the bracket (一般 for 一般(IV级))."""
    for member in enum:
        if text.strip().lower() == member.value or text.strip() in (member.label, member.label.split("(")[0]):
            return member
    choices = "、".join(f"{member.value}({member.label})" for member in enum)
    raise ValidationFailed(f"{option} {text!r}:应为 {choices} 之一", field=option)


def _report(ctx, args) -> int:
    """Report from the command line (a desk without the program at hand, or a script): the form's facts."""
    when = _at(args.occurred_at or args.expected_at, "--expected" if args.expected_at else "--occurred")
    info = emergencies.report(
        ctx.db, ctx.actor, type=_choice(EmergencyType, args.type, "--type"),
        level=_choice(EmergencyLevel, args.level, "--level"), title=args.title,
        occurred_at=None if args.expected_at else when, learned_at=_at(args.learned_at, "--learned") or utcnow(),
        anticipated=bool(args.expected_at), expected_at=when if args.expected_at else None,
        place_text=args.place_text, summary=args.summary, township_code=args.township, lon=args.lon, lat=args.lat,
        people_involved=args.people_involved, deaths=args.deaths, injuries=args.injuries, missing=args.missing,
        casualties_unverified=args.casualties_unverified, measures=args.measures or "",
    )
    ctx.print(f"已报告紧急情况 {info.number}(序号 {info.id}),大屏告警待值班长确认")
    _show_steps(ctx, info)
    return 0


def _handled(ctx, args) -> int:
    info = emergencies.mark_handled(ctx.db, ctx.actor, emergencies.report_id(ctx.db, ctx.actor, args.id),
                                    handled_at=_at(args.handled_at))
    ctx.print("已标记为处置完毕,终报时限已起算")
    _show_steps(ctx, info)
    return 0


def _correct(ctx, args) -> int:
    step = args.step
    info = next((r for r in emergencies.list_reports(ctx.db, ctx.actor) if any(s.id == step for s in r.steps)), None)
    if info is None:
        raise ValidationFailed(f"没有步骤号为 {step} 的报告环节,或不在您的查看范围内(步骤号见 emergencies steps)", field="STEP")
    done = next(s for s in info.steps if s.id == step).done_at
    info = emergency_corrections.correct_step(ctx.db, ctx.actor, step, done_at=_at(args.done_at) or done, reason=args.reason,
                                              content=args.content, expected_version=info.version)
    ctx.print("已更正报送记录(原记录与原因见“更正记录”)")
    _show_steps(ctx, info)
    return 0


def _reopen(ctx, args) -> int:
    report_id = emergencies.report_id(ctx.db, ctx.actor, args.id)
    info = emergencies.get_report(ctx.db, ctx.actor, report_id)
    info = emergency_corrections.undo_handled(ctx.db, ctx.actor, report_id, reason=args.reason,
                                              expected_version=info.version)
    ctx.print("已撤销“处置完毕”:续报恢复计时,终报不再计时")
    _show_steps(ctx, info)
    return 0


def _final(ctx, args) -> int:
    info = emergencies.close(ctx.db, ctx.actor, emergencies.report_id(ctx.db, ctx.actor, args.id), args.content,
                             done_at=_at(args.done_at))
    ctx.print(f"已向各级终报,报告 {info.number} 结束")
    return 0


def _acknowledge(ctx, args) -> int:
    info = emergencies.acknowledge(ctx.db, ctx.actor, emergencies.report_id(ctx.db, ctx.actor, args.id))
    # Each township's wall shows its own alarms.
    waiting = [r for r in emergencies.unacknowledged(ctx.db, ctx.actor) if r.township_code == info.township_code]
    after = f"{info.township_name}尚有 {len(waiting)} 条告警待确认,大屏显示下一条" if waiting else "大屏恢复常规显示"
    ctx.print(f"已确认紧急情况告警 {info.number}({info.title});{after}")
    return 0


def _setting(text: str) -> tuple[str, object]:
    """KEY=VALUE as a keyword of configure_ladder: numbers as integers, report_to as a list."""
    name, value = split_setting(text, "follow_up_hours=12 或 report_to=county,city")
    value = value.strip()
    if name == "report_to":
        return name, [level.strip() for level in value.split(",") if level.strip()]
    return name, number_or_text(value)


def _ladder(ctx, args) -> int:
    if args.set:
        rule = emergencies.configure_ladder(ctx.db, ctx.actor, **dict(_setting(text) for text in args.set))
        ctx.print("已保存报告时限:此后报告的紧急情况全部适用;已报告的,报送对象和已排定的时限不变,此后排定的续报、终报按新的时限:")
    else:
        rule = emergencies.load_ladder(ctx.db)
    for name, (label, unit) in emergencies.LADDER_FIELDS.items():
        if name == "report_to":
            value = ",".join(level.value for level in rule.report_to)
            ctx.print(f"{name}={value}\t{label}:{'、'.join(level.label for level in rule.report_to)}")
        else:
            ctx.print(f"{name}={getattr(rule, name)}\t{label}:{getattr(rule, name)} {unit}")
    return 0


def _phones(ctx, args) -> int:
    if args.set:
        pairs = [split_setting(text, "450502000000=0779-2020110(县区或市的区划代码=值班电话;留空即删除)")
                 for text in args.set]
        phones = emergencies.configure_duty_phones(ctx.db, ctx.actor, dict(pairs))
        ctx.print("已保存报送对象值班电话:")
    else:
        phones = emergencies.load_duty_phones(ctx.db)
    for code, phone in phones.items():
        ctx.print(f"{code}\t{phone}")
    if not phones:
        ctx.print("尚未录入报送对象的值班电话(griddesk-admin emergencies phones --set 区划代码=电话)")
    return 0


def _amend(ctx, args) -> int:
    """Correct or complete the facts as follow-ups come in (the desktop's 更正/补充事实): only those given."""
    report = emergencies.get_report(ctx.db, ctx.actor, emergencies.report_id(ctx.db, ctx.actor, args.id))
    changes = {name: getattr(args, name) for name in _AMENDED if getattr(args, name) is not None}
    if args.type is not None:
        changes["type"] = _choice(EmergencyType, args.type, "--type")
    if args.level is not None:
        changes["level"] = _choice(EmergencyLevel, args.level, "--level")
    if args.occurred_at is not None:
        changes["occurred_at"] = _at(args.occurred_at, "--occurred")
    if args.expected_at is not None:  # a warning's expected time; 未定 when it is not known
        changes["expected_at"] = None if args.expected_at.strip() in ("", "未定") else _at(args.expected_at, "--expected")
    if args.casualties is not None:
        changes["casualties_unverified"] = args.casualties == "unverified"
    info = emergencies.amend_facts(ctx.db, ctx.actor, report.id, expected_version=report.version, reason=args.reason,
                                   correction=args.correction, **changes)
    ctx.print(f"已{'更正' if args.correction else '按续报补充、更新'} {info.number} 的事实")
    return 0


# The facts `amend` takes as given, each stored under its name (its option's dest), which a refusal names.
_AMENDED = ("people_involved", "deaths", "injuries", "missing", "summary", "measures", "title", "place_text", "lon",
            "lat")
# The counts' options and the facts they give: a refusal names the fact, the command line the option.
_COUNTS = (("people", "people_involved", "涉及人数"), ("deaths", "deaths", "死亡"), ("injuries", "injuries", "受伤"),
           ("missing", "missing", "失踪"))


def _bulletin(ctx, args) -> int:
    pages = write_bulletin(ctx.db, ctx.actor, emergencies.report_id(ctx.db, ctx.actor, args.id), Path(args.output))
    ctx.print(f"已生成信息快报 {args.output}({pages} 页)")
    return 0


def register(cli) -> None:
    group = cli.group("emergencies", "紧急情况 emergencies")
    sub = cli.command("list", "列出紧急情况报告(Art. 21)", _list, group=group)
    sub.add_argument("--open", action="store_true", help="只列未终报的")
    sub.add_argument("--under", metavar="CODE", help="只列该地区内的")
    report_id = "报告序号或编号(emergencies list 的前两列)"
    at = "北京时间 YYYY-MM-DD HH:MM(默认现在)"
    types = "major_dispute、mass_incident、emergency、other 或其中文名"
    levels = "i、ii、iii、iv 或其中文名(如 一般(IV级))"
    sub = cli.command("report", "报告紧急情况(已发生的,或用 --expected 报告可能发生的;类型和级别须指明)", _report,
                      group=group)
    sub.add_argument("--type", required=True, help=types)
    sub.add_argument("--level", required=True, help=levels)
    sub.add_argument("--title", required=True)
    sub.add_argument("--place", dest="place_text", required=True, help="发生地点")
    sub.add_argument("--summary", required=True, help="事件概要")
    when = sub.add_mutually_exclusive_group(required=True)
    when.add_argument("--occurred", dest="occurred_at", metavar="TIME", help="发生时间,北京时间 YYYY-MM-DD HH:MM")
    when.add_argument("--expected", dest="expected_at", metavar="TIME", help="尚未发生:预计发生时间(预警报告)")
    sub.add_argument("--learned", dest="learned_at", metavar="TIME", help="获知时间,北京时间 YYYY-MM-DD HH:MM(默认现在;各级时限由此起算)")
    sub.add_argument("--township", metavar="CODE", help="没有坐标或不在网格内时,事发乡镇(街道)代码")
    sub.add_argument("--lon", type=float)
    sub.add_argument("--lat", type=float)
    for name, fact, caption in _COUNTS:
        sub.add_argument(f"--{name}", dest=fact, type=int, default=0, metavar="N", help=caption)
    sub.add_argument("--casualties-unverified", action="store_true",
                     help="伤亡情况尚在核实:以上人数为目前已知的(终报前须核实)")
    sub.add_argument("--measures", help="已采取的措施")
    sub = cli.command("amend", "按续报或核实情况更正、补充报告的事实(只改所给的项;原值和新值记入审计)", _amend,
                      group=group)
    sub.add_argument("id", metavar="ID", help=report_id)
    sub.add_argument("--reason", required=True, help="依据哪次续报或核实情况更正")
    sub.add_argument("--correction", action="store_true",
                     help="原报有误,这是更正(列入信息快报的更正记录);不加即为续报补充、更新的事实")
    for name, fact, caption in _COUNTS:
        sub.add_argument(f"--{name}", dest=fact, type=int, metavar="N", help=caption)
    sub.add_argument("--casualties", choices=("verified", "unverified"),
                     help="伤亡情况:verified 已核实(终报前须如此)、unverified 尚在核实")
    sub.add_argument("--type", help=types)
    sub.add_argument("--level", help=levels)
    sub.add_argument("--title")
    sub.add_argument("--occurred", dest="occurred_at", metavar="TIME",
                     help="发生时间,北京时间 YYYY-MM-DD HH:MM(预警报告不填,改 --expected)")
    sub.add_argument("--expected", dest="expected_at", metavar="TIME",
                     help="预警报告的预计发生时间,北京时间 YYYY-MM-DD HH:MM;写 未定 即改为时间未定")
    sub.add_argument("--place", dest="place_text", help="发生地点")
    sub.add_argument("--lon", type=float, help="经度(须在本报告所属乡镇内;与 --lat 一起给)")
    sub.add_argument("--lat", type=float, help="纬度")
    sub.add_argument("--summary", help="事件概要")
    sub.add_argument("--measures", help="已采取的措施")
    sub = cli.command("steps", "列出一件报告的报告环节及步骤号", _steps, group=group)
    sub.add_argument("id", metavar="ID", help=report_id)
    sub = cli.command("record", "登记一个环节已报送(电话首报、书面首报、续报)", _record, group=group)
    sub.add_argument("step", metavar="STEP", type=int, help="步骤号(emergencies steps 的第一列)")
    sub.add_argument("--content", required=True, help="报送了什么")
    sub.add_argument("--at", dest="done_at", metavar="TIME", help=f"报送时间,{at}")
    sub = cli.command("handled", "标记事件已处置完毕,终报时限起算", _handled, group=group)
    sub.add_argument("id", metavar="ID", help=report_id)
    sub.add_argument("--at", dest="handled_at", metavar="TIME", help=f"处置完毕的时间,{at}")
    sub = cli.command("correct", "值班长更正一个已报送环节的报送时间或内容(原记录与原因留在更正记录中)", _correct,
                      group=group)
    sub.add_argument("step", metavar="STEP", type=int, help="步骤号(emergencies steps 的第一列)")
    sub.add_argument("--at", dest="done_at", metavar="TIME", help="实际报送时间,北京时间 YYYY-MM-DD HH:MM(不填即不改)")
    sub.add_argument("--content", help="更正后的报送内容(不填即不改)")
    sub.add_argument("--reason", required=True, help="更正原因,如:误录时间,以通话记录为准")
    sub = cli.command("reopen", "值班长撤销误标的“处置完毕”:续报恢复计时,终报不再计时", _reopen, group=group)
    sub.add_argument("id", metavar="ID", help=report_id)
    sub.add_argument("--reason", required=True, help="撤销原因,如:误点处置完毕,现场仍在聚集")
    sub = cli.command("final", "向各级终报并结束报告(此前各环节须已报送)", _final, group=group)
    sub.add_argument("id", metavar="ID", help=report_id)
    sub.add_argument("--content", required=True, help="终报内容")
    sub.add_argument("--at", dest="done_at", metavar="TIME", help=f"终报时间,{at}")
    sub = cli.command("acknowledge", "值班长确认紧急情况告警,大屏恢复常规显示(留痕)", _acknowledge, group=group)
    sub.add_argument("id", metavar="ID", help="报告序号或编号(emergencies list 的前两列)")
    sub = cli.command("ladder", "查看或设置紧急情况报告时限(全市适用;已报告的紧急情况此后排定的续报、终报也按新时限)", _ladder,
                      group=group)
    choice = sub.add_mutually_exclusive_group()
    choice.add_argument("--show", action="store_true", help="显示现行报告时限(默认)")
    choice.add_argument("--set", nargs="+", action="extend", metavar="KEY=VALUE",
                        help=f"设置项:{'、'.join(emergencies.LADDER_FIELDS)};report_to 写 county、city 或 county,city")
    sub = cli.command("phones", "查看或录入报送对象(县区、市)的值班电话:报告进度旁显示向谁报、打哪个电话(全市适用)",
                      _phones, group=group)
    sub.add_argument("--set", nargs="+", action="extend", metavar="CODE=PHONE",
                     help="县(区)或市的区划代码=值班电话,如 450502000000=0779-2020110;电话留空即删除")
    sub = cli.command("bulletin", "打印紧急情况信息快报 PDF", _bulletin, group=cli.group("print", "打印 print"))
    sub.add_argument("id", metavar="ID", help="报告序号或编号(emergencies list 的前两列)")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
