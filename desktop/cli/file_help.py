"""What the files the import commands read hold, for their --help: made from the definitions the
importers check against (enums, column and property lists), so that the help cannot drift from them."""

from __future__ import annotations

from ..models import Place
from ..models.enums import (
    CaseState,
    ExclusiveCategory,
    GridKind,
    MatterCategory,
    MatterComplexity,
    PersonStatus,
    SeaCategory,
    StaffRole,
    StaffSource,
    SupervisionLevel,
    TimeLimitUnit,
)
from ..services import grids, matter_exchange, staff_exchange
from ..services.exchange import open311, table_export, table_import
from ..services.exchange.files import ENCODINGS
from ..services.geo.geojson_io import CRS_CHOICES
from ..services.staff_admin import ROLE_SOURCES
from .places import display_width

REQUIRED_MARK = "必填"


def field_lines(fields: list[tuple[str, bool, str]]) -> str:
    """A line per field of a file: its name, 必填 where it must be given, what it holds (a text of
    several lines goes on under itself)."""
    width = max(display_width(name) for name, _, _ in fields)
    blank = " " * display_width(REQUIRED_MARK)
    indent = "\n" + " " * (2 + width + 2 + len(blank) + 2)
    return "\n".join(f"  {name}{' ' * (width - display_width(name))}  {REQUIRED_MARK if required else blank}  "
                     + indent.join(text.splitlines()) for name, required, text in fields)


def column_lines(columns: list[str], required: list[str], described: dict[str, str]) -> str:
    """The columns a table importer reads, in its order, each described (a column added to the
    importer without a description here fails at once)."""
    return field_lines([(column, column in required, described[column]) for column in columns])


def values_and_labels(enum_cls) -> str:
    return "、".join(f"{member.value}({member.label})" for member in enum_cls)


def labels(members) -> str:
    return "、".join(member.label for member in members)


GEOJSON = ("文件:GeoJSON FeatureCollection(UTF-8 编码),每个 Feature 的几何为 Polygon 或 MultiPolygon。\n"
           f"坐标系(--crs):{CRS_CHOICES[0]}(默认)为 WGS84 经纬度 EPSG:4326,CGCS2000 经纬度(EPSG:4490)与之相差不到"
           f" 1 米,同样可用;{CRS_CHOICES[1]} 为高德、DataV 绘制的数据。文件若声明了别的坐标系(如以米为单位的投影坐标),"
           "整个文件被拒绝:请先在 QGIS 等软件中另存为 EPSG:4326。")
TABLE = (f"文件:.csv({' 或 '.join(name for _, name in ENCODINGS)} 编码,自动识别;Excel 请另存为“CSV UTF-8(逗号分隔)”)"
         "或 .xlsx(第一个工作表);首行为表头,列的顺序不限。任何一行有误则全部不导入,逐行列出问题。")


# What each count of a grid's base data is (Art. 12(2)).
_COUNTS = {"households": "户数", "residents": "人口", "units": "单位数", "village_groups": "村民小组数",
           "staff_quota": "网格员配备数(批准的划分方案所定)"}


def grid_properties() -> str:
    aliases = ";".join(f"{key} 也可写作 {'、'.join(names)}" for key, names in grids.PROPERTY_ALIASES.items())
    vessel = ", ".join(grids.VESSEL_FIELDS)
    return field_lines([
        ("code", True, "网格代码,15 位数字:所属村(社区)的 12 位代码 + 3 位序号"),
        ("name", True, "网格名称"),
        ("short_name", False, f"简称,最多 {Place.short_name.type.length} 个字(默认同 name)"),
        ("kind", False, f"{values_and_labels(GridKind)};默认 {GridKind.REGULAR.value}"),
        ("category", False, f"{GridKind.EXCLUSIVE.value} 必填 (Art. 7(1)):{values_and_labels(ExclusiveCategory)}\n"
                            f"{GridKind.SEA.value} 必填 (Art. 7(2)):{values_and_labels(SeaCategory)}\n"
                            f"{GridKind.REGULAR.value} 不填"),
        ("village_code", False, "所属村(社区)的 12 位代码,须是 code 的前 12 位(默认即取 code 的前 12 位)"),
        ("managing_unit", False, f"所在管理单位;{GridKind.EXCLUSIVE.value} 必填 (Art. 7, 9)"),
        *[(count, False, f"{_COUNTS[count]}:非负整数,默认 0") for count in grids.GRID_COUNTS],
        ("urban", False, "是否城镇网格:true 或 false(或“是”“否”),默认 true"),
        ("vessels", False, f"只用于 {SeaCategory.VESSEL_GROUP.value} 网格(可无几何):船只名册 [{{{vessel}}}],"
                           f"{'、'.join(grids.VESSEL_FIELDS[:3])} 必填"),
    ]) + f"\n  ({aliases};area_km2 由多边形计算,导出时写出、导入时不读;其他属性一律拒绝)"


def grids_import_epilog() -> str:
    return "\n\n".join([
        GEOJSON + f"\n每个网格一个 Feature;{SeaCategory.VESSEL_GROUP.value} 网格的 geometry 可为 null。",
        "先导入边界,再导入网格:同一村(社区)的基础网格不得重叠;村(社区)已有边界(boundaries import)时,"
        "基础网格还须铺满全村、不越出村界,专属网格也不越出村界;没有边界的村(社区)只查重叠。",
        "Feature 的 properties:\n" + grid_properties(),
    ])


def boundaries_import_epilog() -> str:
    return "\n\n".join([
        GEOJSON + "\n每个县(区)、乡镇(街道)或村(社区)一个 Feature。",
        "按 properties 中第一个有值的属性匹配区划树中已有的单位:\n" + field_lines([
            ("、".join(grids.BOUNDARY_CODE_KEYS), False, "区划代码(4、6、9 或 12 位;DataV 的 adcode 亦可)"),
            ("、".join(grids.BOUNDARY_NAME_KEYS), False, "无代码时按名称或简称匹配,须只对应一个单位"),
        ]) + "\n  (两组至少给出一个;其他属性(如 DataV 的 center、level、parent)不读,只设置边界形状)",
        "顺序:先导入村(社区)边界,再导入网格(grids import),网格才能按边界检查;已有在用网格的村(社区)"
        "换了边界,会列出网格与新边界不符之处,按第六条提出网格调整。",
    ])


def staff_import_epilog() -> str:
    sources = "\n".join(f"    {role.label}:{labels(sorted(ROLE_SOURCES[role], key=list(StaffSource).index))}"
                        for role in StaffRole)
    return "\n\n".join([
        TABLE,
        "列:\n" + column_lines(staff_exchange.COLUMNS, staff_exchange.REQUIRED, {
            "姓名": "网格人员姓名",
            "手机": "11 位手机号或带区号的固定电话(如 0779-2051234);Excel 中请设为文本格式",
            "身份证号": "18 位(末位可为 X),出生日期与末位校验码须正确;Excel 中请设为文本格式,数字格式会丢失末几位",
            "网格代码": "15 位网格代码(网格须已导入)",
            "网格名称": "写了则须与网格代码相符",
            "角色": labels(StaffRole),
            "来源": f"{labels(StaffSource)};须与角色相符,见下 (Art. 9)",
            "状态": f"{labels(PersonStatus)};空白:已有人员不变,新人员为{PersonStatus.ACTIVE.label}",
            "起始日期": "任职起始日,如 2025-09-01、2025/9/1 或 2025.9.1;空白为今天",
        }) + "\n  (即 staff export 写出的各列)",
        "各角色可从以下来源选任 (Art. 9):\n" + sources,
    ])


def matters_import_epilog() -> str:
    return "\n\n".join([
        TABLE,
        "列:\n" + column_lines(matter_exchange.COLUMNS, matter_exchange.REQUIRED, {
            "事项编码": "如 C09-001;导入案件时以此编码(service_code)指明事项",
            "事项名称": "事项名称",
            "类别": f"{labels(MatterCategory)} (Art. 12)",
            "复杂程度": f"{labels(MatterComplexity)};空白为{MatterComplexity.GENERAL.label}",
            "办理时限": "正整数,按时限单位计",
            "时限单位": f"{labels(TimeLimitUnit)};空白为{TimeLimitUnit.WORKING_DAYS.label}",
            "责任部门": "在用部门的代码(griddesk-admin departments list)(Art. 13)",
            "网格员可办": "是 或 否;空白为是",
            "说明": "说明文字",
        }) + "\n  (即 matters export 写出的各列)",
    ])


def cases_import_epilog() -> str:
    extension = ", ".join(sorted(open311.EXTENSION_KEYS))
    return "\n\n".join([
        "文件(按扩展名,或 --format):Open311 GeoReport v2 的诉求 JSON(.json),或 cases export 导出的诉求清单"
        "(.csv、.xlsx)。任何一行有误则整个文件不导入,逐行列出问题;编号已导入过的诉求不能再导入。有坐标的诉求按坐标归入"
        "网格,没有坐标或不在任何网格内的诉求须用 --township 指定归入的乡镇(街道),进入其待分拨清单。",
        "Open311 JSON:一个数组,每个元素一件诉求(即 GET requests.json 的内容):\n" + field_lines([
            ("service_request_id", True, "来源平台的诉求编号,导入后为案件的外部编号"),
            ("service_code", True, "现行事项清单中的事项编码(cases services 导出对照表)"),
            ("description", True, "诉求内容"),
            ("requested_datetime", True, "受理时间,带时区的 ISO 8601,如 2026-03-01T09:30:00+08:00"),
            ("status", False, "open(默认,作为待受理的新诉求)或 closed(已办结,须有办结时间:updated_datetime"
                              f"或 {open311.EXTENSION}.closed_datetime)"),
            ("status_notes", False, "closed 的办理结果;open 的备注记入办理记录"),
            ("updated_datetime、expected_datetime", False, "办结(或最后更新)时间、办理期限,格式同上"),
            ("lat、long", False, "纬度、经度(WGS84),须同时给出,且在北海市及北部湾海域内"),
            ("address", False, "地址(或 address_string)"),
            ("first_name、last_name、phone", False, "诉求人姓名、联系电话"),
        ]) + f"\n  (service_name 不读,事项名称以本库清单为准;agency_responsible、media_url 等 GeoReport v2 的其他字段"
             f"记入办理记录;email 等个人信息不予保存,有值则拒绝;其他字段一律拒绝。GridDesk 导出另有扩展对象 "
             f"{open311.EXTENSION}:{extension})",
        "诉求清单(CSV、XLSX):" + TABLE.removeprefix("文件:") + "\n列:\n"
        + column_lines([h for h in table_export.HEADERS if h not in table_import.NOT_READ], list(table_import.REQUIRED),
                       _CASE_COLUMNS)
        + f"\n  (即 cases export 写出的各列;{'、'.join(table_import.NOT_READ)}各列可有,导入时不读:"
          "导入的诉求渠道为“受理平台”,网格由网格代码或坐标而定;其余几列是导出时的情况,"
          f"{table_export.COUNTDOWN}的表头写明导出时刻,如“{table_export.COUNTDOWN}(截至 2026-03-10 10:00)”)",
    ])

_CASE_COLUMNS = {
    "编号": "来源系统的诉求编号,导入后为案件的外部编号",
    "外部编号": "该诉求在来源系统中原有的外部编号(转来又转回的诉求据此识别)",
    "标题": "空白则取诉求描述的第一行",
    "类别": f"{labels(MatterCategory)};事项编码空白时须填写",
    "事项编码": "现行事项清单中的事项编码(类别填写时可空白)",
    "状态": f"空白为待受理的新诉求;已办结的填“{CaseState.CLOSED.label}”(或导出的其他状态),"
            f"已并入其他诉求的填“{CaseState.MERGED.label}”",
    "督办": f"{labels(SupervisionLevel)};来源系统的督办不随之导入,记入办理记录",
    "紧急": "是 或 否;空白为否",
    "网格代码": "15 位在用网格代码;空白则按经纬度归入",
    "诉求人": "诉求人姓名",
    "联系电话": "手机或固定电话,只有数字和连字符(空格去掉);Excel 中请设为文本格式。遮挡过的号码(138****1234)不能导入",
    "地址": "地址",
    "经度": "WGS84 经度,与纬度同时填写;须在北海市及北部湾海域内,不知道位置请留空",
    "纬度": "WGS84 纬度",
    "受理时间": "北京时间,如 2026-03-01 09:30(2026/3/1 9:30 亦可)",
    "办理期限": "格式同受理时间;一日终了写作 2026-03-10 24:00",
    "办结时间": "状态为已办结等时须填写,格式同受理时间",
    "办理结果": "已办结的诉求的办理结果",
    "诉求描述": "诉求内容",
    "并入案件": "状态为已合并时须填写:所并入诉求的编号(本文件中的,或本库已导入的)",
}
