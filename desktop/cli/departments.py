"""`griddesk-admin departments …`: the register of linked departments (Art. 5(5), 12(1)), the
lines they belong to (Art. 17–18) and their contacts (Art. 13(4), 20(3))."""

from __future__ import annotations

from ..services import department_contacts, departments
from ..services.departments import DepartmentDraft
from .places import print_table


def _parent_text(info: departments.DepartmentInfo) -> str:
    return f"{info.parent_name}({info.parent_code})" if info.parent_code else "—"


def _signing_text(info: departments.DepartmentInfo) -> str:
    """Whether someone signs for its cases at a desk, or the center phones it of each (Art. 18(1))."""
    return "有联络员账号" if info.signs_at_desk else "无联络员账号,须电话通知"


def _print_departments(ctx, found: list[departments.DepartmentInfo], *, with_state: bool) -> None:
    header = ["代码", "级别", "辖区", "名称", "办公电话", "上级部门", "桌面签收"]
    rows = [[info.code, info.level.label, info.place_name, info.name, info.phone or "—", _parent_text(info),
             _signing_text(info)] for info in found]
    if with_state:
        header.append("状态")
        for row, info in zip(rows, found):
            row.append("在用" if info.active else "已停用")
    print_table(ctx, header, rows)


def _list(ctx, args) -> int:
    found = departments.list_departments(ctx.db, args.under, include_retired=args.all)
    # Only with --all do retired ones show, so only then is the state worth a column.
    _print_departments(ctx, found, with_state=args.all)
    return 0


def _add(ctx, args) -> int:
    info = departments.add_department(ctx.db, ctx.actor, code=args.code, place_code=args.place,
                                      draft=DepartmentDraft(args.name, args.short, args.phone), parent_code=args.parent)
    ctx.print("已新增联动部门:")
    _print_departments(ctx, [info], with_state=False)
    return 0


def _edit(ctx, args) -> int:
    now = departments.get_department(ctx.db, args.code)
    draft = DepartmentDraft(args.name or now.name, args.short or now.short_name,
                            now.phone if args.phone is None else args.phone)
    info = departments.update_department(ctx.db, ctx.actor, args.code, draft, expected_version=now.version)
    ctx.print("已修改联动部门:")
    _print_departments(ctx, [info], with_state=not info.active)
    return 0


def _retire(ctx, args) -> int:
    info = departments.set_active(ctx.db, ctx.actor, args.code, False, expected_version=None)
    ctx.print(f"已停用 {info.name}({info.code})")
    return 0


def _restore(ctx, args) -> int:
    info = departments.set_active(ctx.db, ctx.actor, args.code, True, expected_version=None)
    ctx.print(f"已恢复启用 {info.name}({info.code})")
    return 0


def _line(ctx, args) -> int:
    line = departments.set_parent(ctx.db, ctx.actor, args.code, None if args.clear else args.parent)
    above = f"{line.parent_name}({line.parent_code})" if line.parent_code else "(无)"
    ctx.print(f"{line.name}({line.code})的上级部门:{above}")
    return 0


def _contacts(ctx, args) -> int:
    rows = []
    for contact in department_contacts.contacts(ctx.db, ctx.actor, args.code):
        duties = "、".join(d for d, held in (("回访负责人", contact.responsible), ("业务指导人员", contact.guidance))
                          if held) or "联系人"
        rows.append([contact.id, contact.name, contact.phone or "—", duties])
    print_table(ctx, ["编号(contact-remove 用)", "姓名", "联系电话", "职责"], rows)
    return 0


def _contact_add(ctx, args) -> int:
    contact = department_contacts.add_contact(ctx.db, ctx.actor, args.code, name=args.name, phone=args.phone,
                                              guidance=args.guidance, responsible=args.responsible)
    ctx.print(f"已新增联系人 {contact.name}(编号 {contact.id})")
    return 0


def _contact_remove(ctx, args) -> int:
    department_contacts.remove_contact(ctx.db, ctx.actor, args.id)
    ctx.print(f"已移除联系人 {args.id}")
    return 0


def _draft_options(sub, *, required: bool) -> None:
    sub.add_argument("--name", required=required, help="部门全称")
    sub.add_argument("--short", metavar="NAME", help="简称(列表和派遣建议中显示;默认同全称)")
    sub.add_argument("--phone", help="办公电话")


def register(cli) -> None:
    group = cli.group("departments", "联动部门 linked departments, their lines and contacts (Art. 5, 13, 17–20)")
    sub = cli.command("list", "列出联动部门及其上级部门", _list, group=group)
    sub.add_argument("--under", metavar="CODE",
                     help="只列辖区为该地或其下属地方的部门(服务该地的县、市部门不在其内);不给出时列出全部")
    sub.add_argument("--all", action="store_true", help="包括已停用的部门")
    sub = cli.command("add", "新增联动部门(级别由辖区决定:市、县(区)或乡镇(街道))", _add, group=group)
    sub.add_argument("code", metavar="CODE", help="部门代码,如 450503103-PCS")
    sub.add_argument("--place", required=True, metavar="PLACE", help="辖区的区划代码")
    _draft_options(sub, required=True)
    sub.add_argument("--parent", metavar="CODE", help="上级部门代码")
    sub = cli.command("edit", "修改部门名称、简称或电话(未给出的保持不变)", _edit, group=group)
    sub.add_argument("code", metavar="CODE")
    _draft_options(sub, required=False)
    sub = cli.command("retire", "停用部门(事项清单、在办案件或下属部门仍指向它时不可停用)", _retire, group=group)
    sub.add_argument("code", metavar="CODE")
    sub = cli.command("restore", "恢复启用已停用的部门", _restore, group=group)
    sub.add_argument("code", metavar="CODE")
    sub = cli.command("line", "记录部门的上级部门(如派出所属县区公安分局),派遣时优先建议本地下属机构", _line,
                      group=group)
    sub.add_argument("code", metavar="CODE", help="部门代码")
    which = sub.add_mutually_exclusive_group(required=True)
    which.add_argument("parent", nargs="?", metavar="PARENT", help="上级部门代码")
    which.add_argument("--clear", action="store_true", help="清除上级部门")
    sub = cli.command("contacts", "列出部门的联系人(回访负责人、业务指导人员)", _contacts, group=group)
    sub.add_argument("code", metavar="CODE")
    sub = cli.command("contact-add", "为部门新增联系人", _contact_add, group=group)
    sub.add_argument("code", metavar="CODE")
    sub.add_argument("--name", required=True)
    sub.add_argument("--phone", required=True)
    sub.add_argument("--guidance", action="store_true", help="担任业务指导人员(条例第十三条);两项都不选则为一般联系人")
    sub.add_argument("--responsible", action="store_true", help="担任回访负责人(条例第二十条)")
    sub = cli.command("contact-remove", "移除部门联系人(按 contacts 列出的编号)", _contact_remove, group=group)
    sub.add_argument("id", metavar="ID", type=int)
