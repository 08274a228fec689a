"""One key-governance item (Art. 22) made from the demo's recurring rubbish complaints."""

from __future__ import annotations

from datetime import timedelta

from ...models import Case, GovernanceItem, governance_item_cases
from ...models.enums import GovernanceState, MatterCategory
from .context import DemoContext
from .departments import DemoDepartments


def add_governance(ctx: DemoContext, departments: DemoDepartments, cluster: list[Case]) -> None:
    if not cluster:
        return
    received = [c.received_at for c in cluster]
    lon = sum(c.lon for c in cluster) / len(cluster)
    lat = sum(c.lat for c in cluster) / len(cluster)
    owner = departments.township["CGZD"]
    item = GovernanceItem(
        place_id=cluster[0].grid_id, category=MatterCategory.CIVILISATION, title="海鲜市场周边垃圾反复堆积",
        description=f"30 日内同一地点 500 米范围内收到 {len(cluster)} 件垃圾堆积诉求,列入重点治理",
        center_lon=round(lon, 6), center_lat=round(lat, 6), radius_m=500.0, window_start=min(received),
        window_end=max(received), owner_department_id=owner.id, owner_name=owner.name,
        review_on=(ctx.now + timedelta(days=14)).date(), state=GovernanceState.ACCEPTED)
    ctx.add_all([item])
    ctx.session.execute(governance_item_cases.insert(),
                        [{"governance_item_id": item.id, "case_id": c.id} for c in cluster])
