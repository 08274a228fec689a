"""The law-conformance report: each article 2–23, the features implementing it, the tests checking it.

Features come from the small table below (each "module:function" is checked to exist by the
test suite). Tests are not typed by hand: they are read from the ``@pytest.mark.law("Art. N")``
markers of the test suite, parsed with `ast` (nothing is run). The suite is looked for in the
source checkout the package runs from; an installed copy has none and says so instead of
counting 0 tests for every article.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ARTICLES: dict[int, tuple[str, str]] = {
    2: ("适用范围与定义", "本市网格化服务管理适用本条例;网格是基层综合服务管理单元。"),
    3: ("工作原则与运行机制", "高效快速响应群众诉求的网格化服务管理模式。"),
    4: ("政府职责", "市、县(区)组织指导监督;乡镇(街道)负责本辖区网格化服务管理。"),
    5: ("网格化服务管理机构", "市、县、乡三级机构的职责:绩效评价、指挥调度、跟踪督办、逐级上报与分派。"),
    6: ("网格划分与调整", "乡镇提出划分或调整,县级同意,报市级备案;其他单位不得另行划分网格。"),
    7: ("专属网格与涉海专属网格", "楼宇、园区、市场、学校、医院等可设专属网格;港口、船只编组、养殖海域等可设涉海专属网格。"),
    8: ("挂点领导、指导员与总负责人", "县级确定片区挂点领导和网格指导员;乡镇确定村(社区)网格总负责人。"),
    9: ("网格工作人员", "网格长、网格员的来源;网格员数量与人口、面积、单位数量相匹配。"),
    10: ("网格长、网格员职责", "宣传、采集信息、走访、排查风险、化解纠纷、信息上报。"),
    11: ("多方参与", "法官、检察官、警察、律师等专业人员进入网格,机构提供协助保障。"),
    12: ("事项清单", "编制并公布网格化服务管理事项清单,十一类事项。"),
    13: ("清单动态调整与准入", "部门申请纳入或退出,机构审核;清单外事项不得要求网格工作人员办理;限期整改。"),
    14: ("公示", "在显著位置公布网格名称范围、工作人员及联系方式、受理平台和监督电话。"),
    15: ("信息化与信息安全", "功能对接、数据共享;落实信息安全管理责任。"),
    16: ("诉求收集", "网格工作人员收集诉求;热线和受理平台等渠道反映诉求。"),
    17: ("接收与分派", "及时接收诉求,按职权法定、属地管理、分级负责分派;网格员就地协调,无法解决的上报。"),
    18: ("首接负责制", "首接单位牵头协调,协办单位限期报送结果;不能按期办结须说明理由;可提出管辖异议。"),
    19: ("联动部门办理规定", "及时联系诉求人、及时办理、延期或暂时无法解决须说明理由、限时反馈。"),
    20: ("督办与回访", "督办与回访机制,未解决诉求重点督办;按解决和满意情况确定回访频次;负责人回访。"),
    21: ("重大紧急情况报告", "重大矛盾纠纷、群体性事件、突发事件等及时报告。"),
    22: ("重点治理与源头治理", "对反映频率高、持续时间长、解决难度大的问题重点治理;研判经常性诉求开展源头治理。"),
    23: ("综合评价与表彰", "对网格化服务管理工作综合评价,表彰奖励优秀单位和个人。"),
}

# Where each article is implemented ("module:function" under desktop.services).
FEATURES: dict[int, tuple[str, ...]] = {
    2: ("reference:load_beihai_tree", "places:list_places"),
    3: ("live:listener_for", "queue:page"),
    4: ("security:in_scope", "unit_of_work:unit_of_work"),
    5: ("cases.onspot_escalation:escalate", "cases.onspot_escalation:assign_down", "evaluation.scores:evaluate"),
    6: ("adjustments:propose", "adjustments:approve", "adjustments:file", "grids:refuse_other_bodies"),
    7: ("places:create_grid", "grids:read_grid_set"),
    8: ("staff:details",),
    9: ("staff_admin:add_grid_staff", "staff_admin:check_source", "staffing:adequacy"),
    10: ("evaluation.sources:serving_staff",),
    11: ("staff:details",),
    12: ("matter_list:add_item", "matter_list:publish", "departments:add_department"),
    13: ("matters:require_listed_grid_task", "matter_list:start_version", "department_contacts:add_contact",
         "matter_list:answer_rectification"),
    14: ("notice_board:sheets", "notice_board:needs_reprint"),
    15: ("security:Actor", "queue:visible_condition", "cases.common:require_case_view", "audit:append",
         "audit:verify_chain", "users:login", "users:check_grant", "accounts:set_active",
         "desk_roles:grant_desks"),
    16: ("cases.intake:take_in", "cases.duplicates:unmerge"),
    17: ("routing:route_point", "cases.intake:route_to_grid", "cases.onspot_escalation:resolve_on_spot",
         "cases.dispatch:suggest_departments", "departments:set_parent"),
    18: ("cases.dispatch:dispatch", "cases.dispatch:add_co_handler", "cases.department:sign_for",
         "cases.department:stage_report", "cases.department:raise_objection"),
    19: ("cases.department:contact_requester", "cases.department:request_extension", "cases.hold:put_on_hold"),
    20: ("cases.supervision:supervise", "cases.callbacks:record_callback", "cases.callbacks:due_callbacks",
         "cases.case_rules:configure_rules", "department_contacts:set_roles"),
    21: ("emergencies:report", "emergencies:amend_facts", "emergencies:configure_ladder", "emergencies:acknowledge",
         "emergencies:mark_handled", "emergencies:close", "wall:snapshot"),
    22: ("hotspots:counts", "hotspots:hard_problems", "hotspots:find_recurring", "governance:propose_recurring",
         "governance:close"),
    23: ("evaluation.scores:evaluate", "evaluation.drilldown:drill_down", "evaluation.settlement:settle",
         "printing.assessment:print_assessment", "evaluation.export:export"),
}

_ARTICLE = re.compile(r"Art\.\s*(\d+)")
TESTS_NOT_INSTALLED = "本安装不含测试,测试数不可用"


@dataclass(frozen=True)
class TestRef:
    path: str  # relative to the test folder
    name: str  # Class::test or test


@dataclass(frozen=True)
class ArticleRow:
    number: int
    title: str
    summary: str
    features: tuple[str, ...]
    tests: tuple[TestRef, ...]


@dataclass(frozen=True)
class ConformanceReport:
    rows: tuple[ArticleRow, ...]
    tests_dir: str | None  # None: the test suite is not installed with this build

    @property
    def tests_counted(self) -> bool:
        return self.tests_dir is not None

    @property
    def untested(self) -> list[int]:
        """Articles no test checks; every article when the tests were not counted (see tests_counted)."""
        return [row.number for row in self.rows if not row.tests]


def default_tests_dir() -> Path | None:
    """The `tests/` folder of the source checkout the package runs from, if it does. Installed, the
    package sits in site-packages, where a `tests/` folder would be another project's."""
    checkout = Path(__file__).resolve().parents[2]
    folder = checkout / "tests"
    return folder if folder.is_dir() and (checkout / "pyproject.toml").is_file() else None


def _law_articles(decorators: list[ast.expr]) -> list[int]:
    """Articles named by ``pytest.mark.law("Art. N")`` decorators (or a pytestmark list)."""
    found = []
    for node in decorators:
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "law"
                    and call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
                found += [int(n) for n in _ARTICLE.findall(call.args[0].value)]
    return found


def marked_tests(tests_dir: Path) -> dict[int, list[TestRef]]:
    """{article: tests marked with it}, read from the source of every test_*.py under `tests_dir`."""
    found: dict[int, list[TestRef]] = defaultdict(list)
    for path in sorted(tests_dir.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        relative = path.relative_to(tests_dir).as_posix()
        module_marks = [node.value for node in tree.body if isinstance(node, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)]

        def visit(body, prefix: str, inherited: list[ast.expr]) -> None:
            for node in body:
                if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                    visit(node.body, f"{prefix}{node.name}::", inherited + node.decorator_list)
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                    for article in dict.fromkeys(_law_articles(inherited + node.decorator_list)):
                        found[article].append(TestRef(relative, prefix + node.name))

        visit(tree.body, "", module_marks)
    return found


def report(tests_dir: Path | None = None) -> ConformanceReport:
    tests_dir = tests_dir or default_tests_dir()
    tests = marked_tests(tests_dir) if tests_dir else {}
    rows = tuple(ArticleRow(n, title, summary, FEATURES.get(n, ()), tuple(tests.get(n, ())))
                 for n, (title, summary) in ARTICLES.items())
    return ConformanceReport(rows, str(tests_dir) if tests_dir else None)
