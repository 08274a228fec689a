"""The city's published matter list v1 (Art. 12–13), with items in all eleven categories, and the
county's own list beside it.

Each city item also says which township department usually leads a case about it and who helps,
which the demo's case generator uses for dispatch. Time limits follow SPEC §11: general
items 5 working days, complex 15 working days, urgent 24 hours.

The county compiles a short list of its own (Art. 12(1)): its items name county departments, and a
township department's liaison applies to it (Art. 13(2)), since the county's institution is the one
whose list a township department serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ...models import MatterItem, MatterList
from ...models.enums import MatterCategory as C
from ...models.enums import MatterComplexity, MatterListState, TimeLimitUnit
from .context import DemoContext
from .departments import DemoDepartments

PUBLISHED_ON = date(2025, 9, 1)
LIST_TITLE = "北海市网格化服务管理事项清单(2025年版)"
LIMITS = {
    MatterComplexity.GENERAL: (5, TimeLimitUnit.WORKING_DAYS),
    MatterComplexity.COMPLEX: (15, TimeLimitUnit.WORKING_DAYS),
    MatterComplexity.URGENT: (24, TimeLimitUnit.HOURS),
}
G, X, U = MatterComplexity.GENERAL, MatterComplexity.COMPLEX, MatterComplexity.URGENT


@dataclass(frozen=True)
class ItemSpec:
    title: str
    category: C
    city_department: str  # key in departments.CITY_DEPARTMENTS
    lead: str  # key in departments.TOWNSHIP_DEPARTMENTS
    complexity: MatterComplexity = G
    co: tuple[str, ...] = ()
    case_titles: tuple[str, ...] = ()
    grid_staff_task: bool = True


ITEMS = (
    ItemSpec("宣传党的路线方针政策和法律法规", C.POLICY_PUBLICITY, "XCB", "ZZZX",
             case_titles=("群众咨询新出台的渔业补贴政策", "居民希望开展法律知识讲座")),
    ItemSpec("开展防范电信网络诈骗宣传", C.POLICY_PUBLICITY, "GAJ", "PCS",
             case_titles=("老人接到冒充客服诈骗电话", "居民反映收到可疑转账短信")),
    ItemSpec("协助采集登记实有人口、实有房屋信息", C.BASE_DATA, "GAJ", "PCS",
             case_titles=("出租屋新入住人员未登记", "房屋信息与实际不符需核实")),
    ItemSpec("协助核实更新网格内单位、商户信息", C.BASE_DATA, "SCJ", "SCJGS",
             case_titles=("新开商铺信息需采集", "商户已迁走信息未更新")),
    ItemSpec("收集反映供水、供电中断问题", C.PUBLIC_OPINION, "ZJJ", "ZLS", U, co=("GDS",),
             case_titles=("片区突然停水无通知", "台风后线路断电", "水管爆裂路面积水")),
    ItemSpec("收集群众对公共服务的意见建议", C.PUBLIC_OPINION, "ZFW", "ZZZX",
             case_titles=("建议增设公交站点", "建议延长卫生院夜间门诊时间")),
    ItemSpec("协助排查出租屋、“三小场所”消防安全隐患", C.SAFETY_RISK, "YJJ", "PCS", co=("CGZD",),
             case_titles=("楼道堆放杂物堵塞消防通道", "电动车在楼道内充电")),
    ItemSpec("协助排查渔船、码头生产安全隐患", C.SAFETY_RISK, "HYJ", "YYZ", U, co=("PCS",),
             case_titles=("渔船未按规定配备救生衣", "码头护栏损坏存在坠海风险")),
    ItemSpec("协助排查自建房、危旧房屋安全隐患", C.SAFETY_RISK, "ZJJ", "CJZ", X, co=("ZZZX",),
             case_titles=("老旧自建房外墙开裂", "加建楼层疑似存在安全隐患")),
    ItemSpec("协助排查调处邻里、婚姻家庭纠纷", C.DISPUTE, "SFJ", "SFS",
             case_titles=("邻里因漏水问题发生纠纷", "家庭赡养纠纷请求调解")),
    ItemSpec("协助排查调处渔业生产、海域使用纠纷", C.DISPUTE, "HYJ", "YYZ", X, co=("SFS", "PCS"),
             case_titles=("养殖户因海域边界发生争执", "渔网被他船损坏要求赔偿")),
    ItemSpec("协助排查调处劳动报酬纠纷", C.DISPUTE, "RSJ", "SHSW", co=("SFS",),
             case_titles=("水产加工厂拖欠工人工资", "装修工人工钱未结清")),
    ItemSpec("参与社会心理服务和心理危机干预", C.PSYCHOLOGICAL, "WJW", "WSY", X, co=("SHSW",),
             case_titles=("独居老人情绪低落需要疏导", "家属反映青少年有轻生念头")),
    ItemSpec("协助开展传染病防控和登革热灭蚊", C.PUBLIC_HEALTH, "WJW", "WSY", U,
             case_titles=("小区积水孳生蚊虫", "多名居民出现发热症状")),
    ItemSpec("协助开展食品安全事件先期处置", C.PUBLIC_HEALTH, "SCJ", "SCJGS", U, grid_staff_task=False,
             case_titles=("海鲜排档食客疑似食物中毒",)),
    ItemSpec("协助走访社区矫正对象、刑满释放人员", C.KEY_POPULATION, "SFJ", "SFS",
             case_titles=("社区矫正对象未按时报到", "刑满释放人员就业帮扶")),
    ItemSpec("协助走访严重精神障碍患者", C.KEY_POPULATION, "WJW", "WSY", co=("PCS",),
             case_titles=("精神障碍患者停药后情绪不稳", "家属申请协助送医")),
    ItemSpec("协助办理社会保险、就业登记", C.LIVELIHOOD, "RSJ", "SHSW",
             case_titles=("渔民咨询城乡居民养老保险缴费", "失业人员咨询就业登记")),
    ItemSpec("协助开展低保、特困人员救助", C.LIVELIHOOD, "MZJ", "SHSW",
             case_titles=("困难家庭申请临时救助", "低保复核材料咨询")),
    ItemSpec("协助开展独居老人、留守儿童关爱服务", C.LIVELIHOOD, "MZJ", "SHSW",
             case_titles=("独居老人需要上门探访", "留守儿童放学无人看护")),
    ItemSpec("反映占道经营、乱搭乱建", C.CIVILISATION, "CGJ", "CGZD", co=("SCJGS",),
             case_titles=("夜市摊点占道经营", "商铺门前违规搭建雨棚")),
    ItemSpec("反映垃圾堆积、环境卫生问题", C.CIVILISATION, "CGJ", "CGZD",
             case_titles=("海鲜市场周边垃圾堆积", "海滩垃圾无人清理", "排水沟堵塞发出异味")),
    ItemSpec("反映噪声扰民、油烟污染", C.CIVILISATION, "CGJ", "CGZD",
             case_titles=("夜宵店油烟扰民", "深夜施工噪声扰民")),
    ItemSpec("协助开展防汛防台风转移避险", C.OTHER_STATUTORY, "YJJ", "ZZZX", U, co=("YYZ",),
             case_titles=("台风预警渔船回港避风", "低洼地带居民需转移")),
    ItemSpec("协助开展海岸防护林防火巡查", C.OTHER_STATUTORY, "YJJ", "ZZZX",
             case_titles=("防护林内有人焚烧垃圾",)),
)


# The county's own items: (code suffix, title, category, county department key, complexity).
COUNTY_ITEMS = (
    ("01", "协助开展农村人居环境整治巡查", C.CIVILISATION, "NYJ", G),
    ("02", "协助排查农村自建房经营性用途安全隐患", C.SAFETY_RISK, "ZJJ", X),
    ("03", "协助开展台风期间海上养殖人员撤离", C.OTHER_STATUTORY, "YJJ", U),
    ("04", "协助走访困境儿童和农村留守老人", C.LIVELIHOOD, "MZJ", G),
)
COUNTY_PUBLISHED_ON = date(2025, 10, 1)


def item_code(spec: ItemSpec, index: int) -> str:
    return f"{spec.category.value.upper()}-{index:02d}"


def _codes() -> list[str]:
    seen: dict[C, int] = {}
    codes = []
    for spec in ITEMS:
        seen[spec.category] = seen.get(spec.category, 0) + 1
        codes.append(item_code(spec, seen[spec.category]))
    return codes


def add_matter_list(ctx: DemoContext, departments: DemoDepartments) -> dict[int, ItemSpec]:
    """The city list v1 (created once, shared by all demo townships): item id → its spec."""
    matter_list = ctx.session.scalar(
        select(MatterList).where(MatterList.place_id == ctx.city.id, MatterList.version == 1))
    if matter_list is None:
        matter_list = MatterList(place_id=ctx.city.id, version=1, title=LIST_TITLE,
                                 state=MatterListState.PUBLISHED, published_on=PUBLISHED_ON)
        items = []
        for code, spec in zip(_codes(), ITEMS):
            department = departments.city[spec.city_department]
            contact = departments.guidance_contacts.get(department.id)
            limit, unit = LIMITS[spec.complexity]
            items.append(MatterItem(code=code, title=spec.title, category=spec.category,
                                    department_id=department.id, guidance_contact_id=contact.id if contact else None,
                                    complexity=spec.complexity, time_limit=limit, time_limit_unit=unit,
                                    grid_staff_task=spec.grid_staff_task))
        matter_list.items = items
        ctx.add_all([matter_list])
    by_code = {item.code: item.id for item in matter_list.items}
    return {by_code[code]: spec for code, spec in zip(_codes(), ITEMS) if code in by_code}


def add_county_list(ctx: DemoContext, departments: DemoDepartments) -> None:
    """The county's list v1 (created once per county, shared by its demo townships)."""
    exists = ctx.session.scalar(select(MatterList.id).where(MatterList.place_id == ctx.county.id).limit(1))
    if exists is not None:
        return
    matter_list = MatterList(place_id=ctx.county.id, version=1, title=f"{ctx.county.name}网格化服务管理事项清单(2025年版)",
                             state=MatterListState.PUBLISHED, published_on=COUNTY_PUBLISHED_ON)
    items = []
    for suffix, title, category, key, complexity in COUNTY_ITEMS:
        department = departments.county[key]
        contact = departments.guidance_contacts.get(department.id)
        limit, unit = LIMITS[complexity]
        items.append(MatterItem(code=f"{ctx.county.code[:6]}-{suffix}", title=title, category=category,
                                department_id=department.id, guidance_contact_id=contact.id if contact else None,
                                complexity=complexity, time_limit=limit, time_limit_unit=unit))
    matter_list.items = items
    ctx.add_all([matter_list])
