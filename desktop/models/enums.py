"""Enumerations of the domain, with their Chinese labels (no Qt).

Values are stored as short lowercase strings under CHECK constraints; labels are the
statutory or customary Chinese terms. Views pass labels through Qt's translate().
"""

from __future__ import annotations

import enum


class LabelledEnum(str, enum.Enum):
    """A string enum whose members carry a Chinese label: ``Member = ("value", "标签")``."""

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        return self.value

    @classmethod
    def from_label(cls, text: str):
        for member in cls:
            if text in (member.value, member.label):
                return member
        raise ValueError(text)


class PlaceLevel(LabelledEnum):
    CITY = ("city", "市")
    COUNTY = ("county", "县(区)")
    TOWNSHIP = ("township", "乡镇(街道)")
    VILLAGE = ("village", "村(社区)")
    GRID = ("grid", "网格")

    @property
    def depth(self) -> int:
        return list(PlaceLevel).index(self)

    @property
    def code_prefix_length(self) -> int:
        """Digits of the statistical code that identify this level (scope by prefix)."""
        return {"city": 4, "county": 6, "township": 9, "village": 12, "grid": 15}[self.value]


class GridKind(LabelledEnum):
    """Art. 7: regular grids, exclusive grids and sea-related exclusive grids."""

    REGULAR = ("regular", "基础网格")
    EXCLUSIVE = ("exclusive", "专属网格")
    SEA = ("sea", "涉海专属网格")


class ExclusiveCategory(LabelledEnum):
    """Art. 7(1): where an exclusive grid may be set up."""

    OFFICE_BUILDING = ("office_building", "商务楼宇")
    PARK = ("park", "园区")
    BUSINESS_DISTRICT = ("business_district", "商圈")
    MARKET = ("market", "市场")
    SCHOOL = ("school", "学校")
    HOSPITAL = ("hospital", "医院")
    SCENIC_AREA = ("scenic_area", "景区")
    ENTERPRISE = ("enterprise", "企事业单位")


class SeaCategory(LabelledEnum):
    """Art. 7(2): sea-related exclusive grids."""

    PORT = ("port", "港口")
    VESSEL_GROUP = ("vessel_group", "船只编组")
    AQUACULTURE = ("aquaculture", "水产养殖海域")
    OFFSHORE_WORK = ("offshore_work", "海上及滩涂作业区")


class GridStatus(LabelledEnum):
    PROPOSED = ("proposed", "拟设")
    ACTIVE = ("active", "在用")
    RETIRED = ("retired", "已撤销")


class AdjustmentKind(LabelledEnum):
    DIVIDE = ("divide", "划分")
    ADJUST = ("adjust", "调整")
    MERGE = ("merge", "合并")
    RETIRE = ("retire", "撤销")


class AdjustmentReason(LabelledEnum):
    """Art. 6(4): when grids must be adjusted."""

    VILLAGE_RESCALED = ("village_rescaled", "村(社区)规模调整")
    POPULATION_MOVEMENT = ("population_movement", "人员流动重大变化")
    OTHER = ("other", "其他需要调整的情形")


class AdjustmentState(LabelledEnum):
    PROPOSED = ("proposed", "待县级审核")
    APPROVED = ("approved", "县级已同意")
    REJECTED = ("rejected", "县级不同意")
    FILED = ("filed", "市级已备案")
    WITHDRAWN = ("withdrawn", "已撤回")


class StaffRole(LabelledEnum):
    """Art. 9: grid heads, grid members, exclusive-grid staff."""

    GRID_HEAD = ("grid_head", "网格长")
    GRID_MEMBER = ("grid_member", "网格员")
    EXCLUSIVE_STAFF = ("exclusive_staff", "专属网格工作人员")


class StaffSource(LabelledEnum):
    """Art. 9: where grid heads and members are drawn from."""

    PARTY_ORGANISATION = ("party_organisation", "村(社区)党组织成员")
    COMMITTEE_MEMBER = ("committee_member", "村(居)委会成员")
    HIRED = ("hired", "招聘工作人员")
    GROUP_LEADER = ("group_leader", "村(居)民小组长")
    OWNERS_COMMITTEE = ("owners_committee", "业主委员会成员")
    PROPERTY_MANAGEMENT = ("property_management", "物业管理人员")
    RETIRED_CADRE = ("retired_cadre", "退休党员干部")
    VOLUNTEER = ("volunteer", "志愿者")
    MANAGING_UNIT = ("managing_unit", "专属网格管理单位选任")
    OTHER = ("other", "其他")


class PersonStatus(LabelledEnum):
    ACTIVE = ("active", "在岗")
    ON_LEAVE = ("on_leave", "请假")
    LEFT = ("left", "离岗")


class LeadershipRole(LabelledEnum):
    """Art. 8: county contact leaders and instructors; township chiefs per village."""

    CONTACT_LEADER = ("contact_leader", "网格挂点领导")
    INSTRUCTOR = ("instructor", "网格指导员")
    GRID_CHIEF = ("grid_chief", "网格总负责人")


class Profession(LabelledEnum):
    """Art. 11: professionals entering grids."""

    JUDGE = ("judge", "法官")
    PROSECUTOR = ("prosecutor", "检察官")
    POLICE = ("police", "人民警察")
    LAWYER = ("lawyer", "律师")
    OTHER = ("other", "其他专业人员")


class WorkLogKind(LabelledEnum):
    """Art. 10: the grid head's and members' duties."""

    PUBLICITY = ("publicity", "宣传法律法规")
    DATA_COLLECTION = ("data_collection", "采集基础信息")
    VISIT = ("visit", "走访服务群众")
    RISK_SCREENING = ("risk_screening", "排查风险隐患")
    MEDIATION = ("mediation", "化解矛盾纠纷")
    INFO_REPORT = ("info_report", "信息上报")


class MatterCategory(LabelledEnum):
    """The eleven matter categories of Art. 12(1)–(11)."""

    POLICY_PUBLICITY = ("c01", "宣传政策法规")
    BASE_DATA = ("c02", "基础信息采集")
    PUBLIC_OPINION = ("c03", "社情民意")
    SAFETY_RISK = ("c04", "公共安全风险排查")
    DISPUTE = ("c05", "矛盾纠纷排查调处")
    PSYCHOLOGICAL = ("c06", "社会心理服务")
    PUBLIC_HEALTH = ("c07", "公共卫生突发事件")
    KEY_POPULATION = ("c08", "重点人群服务管理")
    LIVELIHOOD = ("c09", "民生公共服务")
    CIVILISATION = ("c10", "文明创建与人居环境")
    OTHER_STATUTORY = ("c11", "法律法规规定的其他事项")

    @property
    def article(self) -> str:
        return f"Art. 12({int(self.value[1:])})"


class MatterListState(LabelledEnum):
    DRAFT = ("draft", "草稿")
    PUBLISHED = ("published", "已公布")
    SUPERSEDED = ("superseded", "已废止")


class TimeLimitUnit(LabelledEnum):
    WORKING_DAYS = ("working_days", "工作日")
    HOURS = ("hours", "小时")


class MatterComplexity(LabelledEnum):
    GENERAL = ("general", "一般")
    COMPLEX = ("complex", "复杂")
    URGENT = ("urgent", "紧急")


class ApplicationAction(LabelledEnum):
    """Art. 13(2): departments apply to add or retire list items."""

    ADD = ("add", "纳入")
    RETIRE = ("retire", "退出")


class ReviewState(LabelledEnum):
    PENDING = ("pending", "待审核")
    APPROVED = ("approved", "已同意")
    REJECTED = ("rejected", "不同意")


class RectificationState(LabelledEnum):
    OPEN = ("open", "整改中")
    ANSWERED = ("answered", "待确认")  # the department reported its rectification; the institution decides
    RECTIFIED = ("rectified", "已整改")


class DepartmentLevel(LabelledEnum):
    CITY = ("city", "市级")
    COUNTY = ("county", "县(区)级")
    TOWNSHIP = ("township", "乡镇(街道)级")


class Channel(LabelledEnum):
    """Art. 16: how a request reaches the center."""

    GRID_STAFF = ("grid_staff", "网格员上报")
    HOTLINE_12345 = ("hotline", "12345热线")
    PLATFORM = ("platform", "受理平台")
    WALK_IN = ("walk_in", "来访")
    PHONE = ("phone", "来电")


class CaseState(LabelledEnum):
    """Case flow of SPEC §11 (defaults; the regulation fixes no states)."""

    RECEIVED = ("received", "待受理")
    REGISTERED = ("registered", "已立案")
    RESOLVED_ON_SPOT = ("on_spot", "就地办结")
    ESCALATED = ("escalated", "已上报")
    DISPATCHED = ("dispatched", "已派遣")
    SIGNED = ("signed", "已签收")
    HANDLING = ("handling", "办理中")
    EXTENSION_PENDING = ("extension", "延期申请")
    OBJECTION_PENDING = ("objection", "管辖异议")
    REPORTED = ("reported", "已反馈")
    UNDER_REVIEW = ("review", "待核查")
    SENT_BACK = ("sent_back", "退回")
    REOPENED = ("reopened", "重办")
    ON_HOLD = ("on_hold", "暂缓")
    CLOSED = ("closed", "已办结")
    MERGED = ("merged", "已合并")

    @property
    def is_open(self) -> bool:
        return self not in (CaseState.RESOLVED_ON_SPOT, CaseState.CLOSED, CaseState.MERGED)


OPEN_CASE_STATES = tuple(s for s in CaseState if s.is_open)


class HandlingLevel(LabelledEnum):
    """Where a case is being handled: by grid staff (Art. 17(2)) or a level's center (Art. 5); escalation goes
    upward."""

    GRID = ("grid", "网格")
    TOWNSHIP = ("township", "乡镇(街道)")
    COUNTY = ("county", "县(区)")
    CITY = ("city", "市")


class AssignmentRole(LabelledEnum):
    """Art. 18: the first-receiver (lead) department and co-handlers."""

    LEAD = ("lead", "首接(主办)")
    CO = ("co", "协办")


class AssignmentState(LabelledEnum):
    DISPATCHED = ("dispatched", "待签收")
    SIGNED = ("signed", "已签收")
    HANDLING = ("handling", "办理中")
    EXTENSION_PENDING = ("extension", "延期申请中")
    OBJECTION_PENDING = ("objection", "管辖异议中")
    REPORTED = ("reported", "已反馈")
    DONE = ("done", "已完成")
    WITHDRAWN = ("withdrawn", "已撤回")


ACTIVE_ASSIGNMENT_STATES = tuple(
    s for s in AssignmentState if s not in (AssignmentState.DONE, AssignmentState.WITHDRAWN)
)
# A share whose request (extension, objection) the center has still to decide.
AWAITING_DECISION = (AssignmentState.EXTENSION_PENDING, AssignmentState.OBJECTION_PENDING)


class SupervisionLevel(LabelledEnum):
    """Art. 20: supervision (督办) orders; unresolved cases get key supervision."""

    NONE = ("none", "无")
    GENERAL = ("general", "一般督办")
    KEY = ("key", "重点督办")


class Satisfaction(LabelledEnum):
    SATISFIED = ("satisfied", "满意")
    BASICALLY = ("basically", "基本满意")
    UNSATISFIED = ("unsatisfied", "不满意")


class CallbackState(LabelledEnum):
    """An attempt not reached (未联系上) is followed by another of the same round, until the
    attempts allowed are used: the last one ends the round as 无法联系 (no_contact)."""

    PENDING = ("pending", "待回访")
    DONE = ("done", "已回访")
    UNREACHABLE = ("unreachable", "未联系上")
    NO_CONTACT = ("no_contact", "无法联系")


class CallbackMethod(LabelledEnum):
    """How the requester was called back: by phone, or in person where there is no phone (Art. 20(3))."""

    PHONE = ("phone", "电话回访")
    IN_PERSON = ("in_person", "上门回访")


class CallbackOutcome(LabelledEnum):
    NONE = ("none", "无需处理")
    REOPEN = ("reopen", "重办")
    SUPERVISE = ("supervise", "督办")


class DecisionState(LabelledEnum):
    PENDING = ("pending", "待决定")
    APPROVED = ("approved", "同意")
    REFUSED = ("refused", "不同意")


class EmergencyType(LabelledEnum):
    """Art. 21: what must be reported."""

    MAJOR_DISPUTE = ("major_dispute", "重大矛盾纠纷")
    MASS_INCIDENT = ("mass_incident", "群体性事件")
    EMERGENCY = ("emergency", "突发事件")
    OTHER = ("other", "其他重大紧急情况")


class EmergencyLevel(LabelledEnum):
    LEVEL_I = ("i", "特别重大(I级)")
    LEVEL_II = ("ii", "重大(II级)")
    LEVEL_III = ("iii", "较大(III级)")
    LEVEL_IV = ("iv", "一般(IV级)")


class EmergencyState(LabelledEnum):
    OPEN = ("open", "处置中")
    HANDLED = ("handled", "已处置")
    CLOSED = ("closed", "已终报")


class EmergencyStepKind(LabelledEnum):
    """The Art. 21 reporting ladder (SPEC §11 defaults)."""

    PHONE_FIRST = ("phone_first", "电话首报")
    WRITTEN_FIRST = ("written_first", "书面首报")
    FOLLOW_UP = ("follow_up", "续报")
    FINAL = ("final", "终报")


class GovernanceState(LabelledEnum):
    """Art. 22: key governance of recurring and hard problems."""

    PROPOSED = ("proposed", "建议治理")
    ACCEPTED = ("accepted", "治理中")
    CLOSED = ("closed", "已销号")
    DISMISSED = ("dismissed", "不予立项")


class PeriodKind(LabelledEnum):
    MONTH = ("month", "月")
    QUARTER = ("quarter", "季度")
    YEAR = ("year", "年")


class SheetKind(LabelledEnum):
    NOTICE_SHEET = ("notice_sheet", "网格公示牌")
    MATTER_LIST = ("matter_list", "事项清单")
    BULLETIN = ("bulletin", "信息快报")
    ASSESSMENT = ("assessment", "考核表")
    CONFORMANCE = ("conformance", "条例对照表")


class Role(LabelledEnum):
    """Art. 15 / SPEC §9: roles, each granted for a subtree of places."""

    OPERATOR = ("operator", "值班员")
    SUPERVISOR = ("supervisor", "值班长")
    TOWNSHIP_ADMIN = ("township_admin", "乡镇(街道)管理员")
    COUNTY_ADMIN = ("county_admin", "县(区)管理员")
    CITY_ADMIN = ("city_admin", "市级管理员")
    LIAISON = ("liaison", "联动部门联络员")
    AUDITOR = ("auditor", "审计员")


class AuditOutcome(LabelledEnum):
    OK = ("ok", "成功")
    DENIED = ("denied", "拒绝")
    FAILED = ("failed", "失败")


class DayKind(LabelledEnum):
    HOLIDAY = ("holiday", "法定节假日")
    WORKDAY = ("workday", "调休上班")
