"""The feature actions of the main window's menus, in one place.

Each entry names the menu, a stable id, the (Chinese) source text passed through translate(),
an optional default shortcut, and ``"module:function"``: the function is imported when the
action is first triggered and called with the main window, which offers ``db``, ``actor``,
``tasks`` (desktop.tasks runner), ``bus`` (app-wide signals), ``current_place_code()`` and
``select_place(code)``. An entry naming a permission is enabled only where the user holds it
over the place chosen in the tree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.enums import PlaceLevel
from ..services.security import Permission


@dataclass(frozen=True)
class FeatureAction:
    menu: str
    id: str
    text: str
    target: str
    shortcut: str | None = None
    permission: Permission | None = None  # needed over the place chosen in the tree
    grant_level: PlaceLevel | None = None  # …through a grant at this level (Art. 6: a township proposes)
    on_toolbar: bool = False  # also a button on the main toolbar (what a shift does all day)


MENUS = ["文件", "案件", "网格", "人员", "事项清单", "紧急情况", "分析评价", "打印", "视图", "帮助"]
# Alt+key opens each menu, as in every Windows program: written 文件(&F) in Chinese, where the title
# has no letter of its own; the English titles mark theirs (&File), the same letters.
MENU_KEYS = dict(zip(MENUS, "FCGPMEARVH"))

FEATURE_ACTIONS: list[FeatureAction] = [
    FeatureAction("文件", "cases.import", "导入诉求…", "desktop.views.exchange.import_dialog:open_import_dialog",
                  "Ctrl+Shift+I", Permission.EXCHANGE),
    FeatureAction("文件", "cases.export", "导出诉求…", "desktop.views.exchange.export_dialog:open_export_dialog",
                  "Ctrl+Shift+X", Permission.EXCHANGE),
    FeatureAction("案件", "cases.new", "新建诉求", "desktop.views.cases.new_case_dialog:open_new_case", "Ctrl+N",
                  Permission.INTAKE, on_toolbar=True),
    FeatureAction("案件", "cases.detail", "案件详情", "desktop.views.cases.case_detail:open_current_case", "Ctrl+E",
                  on_toolbar=True),
    FeatureAction("案件", "cases.callbacks", "回访工作台", "desktop.views.cases.callback_workbench:open_callback_workbench",
                  "Ctrl+Shift+H", Permission.CALLBACK, on_toolbar=True),
    FeatureAction("网格", "grids.map", "地图", "desktop.views.map.panel:open_map", "Ctrl+M", on_toolbar=True),
    FeatureAction("网格", "grids.propose", "网格划分调整申请…", "desktop.views.adjustments.proposal_dialog:open_proposal",
                  permission=Permission.PROPOSE_GRIDS, grant_level=PlaceLevel.TOWNSHIP),
    FeatureAction("网格", "grids.review", "网格调整审核与备案…", "desktop.views.adjustments.review_dialog:open_review"),
    FeatureAction("文件", "users.password", "修改本人密码…", "desktop.views.accounts:open_change_password"),
    FeatureAction("人员", "users.accounts", "用户账号与权限…", "desktop.views.accounts:open_accounts",
                  permission=Permission.VIEW_ACCOUNTS),
    FeatureAction("人员", "audit.log", "审计日志…", "desktop.views.audit:open_audit_log",
                  permission=Permission.VIEW_AUDIT),
    FeatureAction("人员", "people.roster", "网格人员与配备", "desktop.views.people:open_people", "Ctrl+Shift+P"),
    FeatureAction("打印", "print.notice_sheets", "网格公示牌…", "desktop.views.printing:open_notice_sheets",
                  permission=Permission.PRINT),
    FeatureAction("事项清单", "matters.list", "事项清单与部门申请", "desktop.views.matters:open_matter_list"),
    FeatureAction("事项清单", "matters.departments", "联动部门与联系人…", "desktop.views.departments:open_departments"),
    FeatureAction("事项清单", "calendar.workdays", "工作日历(法定节假日与调休)", "desktop.views.calendar:open_calendar"),
    FeatureAction("事项清单", "cases.rules", "期限与回访规则…", "desktop.views.cases.case_rules_dialog:open_case_rules"),
    FeatureAction("紧急情况", "emergencies.report", "报告紧急情况…",
                  "desktop.views.emergencies.report_dialog:open_report_dialog", "Ctrl+Shift+E",
                  Permission.EMERGENCY_REPORT, on_toolbar=True),
    FeatureAction("紧急情况", "emergencies.ladder", "报告进度与告警确认",
                  "desktop.views.emergencies.ladder_panel:open_ladder_panel", on_toolbar=True),
    FeatureAction("紧急情况", "emergencies.ladder_settings", "报告时限设置…",
                  "desktop.views.emergencies.ladder_settings:open_ladder_settings"),
    FeatureAction("紧急情况", "emergencies.duty_phones", "报送对象值班电话…",
                  "desktop.views.emergencies.ladder_settings:open_duty_phones"),
    FeatureAction("分析评价", "analytics.evaluation", "综合评价与考核表…",
                  "desktop.views.analytics.evaluation_panel:open_evaluation", permission=Permission.EVALUATE),
    FeatureAction("分析评价", "analytics.hotspots", "高频与疑难问题…", "desktop.views.analytics.hotspots_panel:open_hotspots"),
    FeatureAction("分析评价", "analytics.governance", "重点治理事项…",
                  "desktop.views.analytics.governance_panel:open_governance"),
    FeatureAction("分析评价", "analytics.conformance", "条例对照表…",
                  "desktop.views.analytics.conformance_panel:open_conformance"),
    FeatureAction("视图", "view.wall", "值班大屏", "desktop.views.wall.window:open_wall", "F11", on_toolbar=True),
]
