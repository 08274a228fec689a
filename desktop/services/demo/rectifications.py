"""Rectification notices to three township departments (Art. 13(5)), one in each stage: open for the
department to report on, reported and awaiting confirmation, and rectified. A township department
serves the county's list, so the county's institution issues and decides them (matter_list)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ...models import RectificationAnswer, RectificationNotice, RoleGrant, User
from ...models.enums import RectificationState, Role
from ..clock import BEIJING
from .context import DemoContext
from .departments import DemoDepartments

DAY = timedelta(days=1)

# (department key, reason, days since issued, days given, the department's report or None, days since
#  reported, confirmed)
NOTICES = (
    ("SCJGS", "近一个月派来的案件多次超过签收时限才签收,办理结果多在期限届满后才反馈",
     6, 15, None, 0, False),
    ("YYZ", "渔船安全隐患排查类案件多次超过联系时限才联系诉求人,办理结果未写明现场核实情况",
     12, 14, "已明确由站长牵头、专人每日两次查看待办;本月起签收当日电话联系诉求人,办理结果写明核实经过", 1, False),
    ("PCS", "阶段性工作情况报送不及时,延期申请理由过于简单,未说明需要协调的具体事项",
     60, 10, "已组织联络员学习条例第十八、十九条;延期申请写明需协调的事项和进度,阶段情况每周报送", 52, True),
)


def add_rectifications(ctx: DemoContext, departments: DemoDepartments) -> None:
    """Issued and decided by the county administrator's account, reported by each department's liaison;
    none where the county has no administrator among the demo's log-ins (a demo township of another
    county than 银海区): no one could decide them there."""
    county_admin = ctx.session.scalar(select(RoleGrant.user_id).where(
        RoleGrant.role == Role.COUNTY_ADMIN, RoleGrant.place_id == ctx.county.id).order_by(RoleGrant.user_id).limit(1))
    if county_admin is None:
        return
    # Each department's liaison (demo.accounts), who reports for it.
    liaisons = dict(ctx.session.execute(select(User.department_id, User.id).where(
        User.department_id.in_([departments.township[key].id for key, *_ in NOTICES]))).all())
    notices = []
    for key, reason, issued_ago, given, report, reported_ago, confirmed in NOTICES:
        issued = ctx.now - issued_ago * DAY
        notice = RectificationNotice(department_id=departments.township[key].id,
                                     issued_by_id=county_admin, issued_at=issued, reason=reason,
                                     due_on=(issued + given * DAY).astimezone(BEIJING).date(),
                                     state=RectificationState.OPEN)
        if report:
            answered = ctx.now - reported_ago * DAY
            answer = RectificationAnswer(report=report, answered_by_id=liaisons.get(departments.township[key].id),
                                         answered_at=answered)
            notice.answers = [answer]
            notice.state = RectificationState.ANSWERED
            if confirmed:
                answer.decided_by_id, answer.decided_at = notice.issued_by_id, answered + DAY
                notice.state, notice.rectified_at, notice.response = RectificationState.RECTIFIED, answer.decided_at, report
        notices.append(notice)
    ctx.add_all(notices)
