"""Open cases across a new version of the matter list (Art. 12–13): the list is adjusted
dynamically, and a case taken in under an item the next version keeps stays under that item."""

from __future__ import annotations

import pytest

from desktop.errors import LawRefusal
from desktop.models.enums import CaseState, Channel
from desktop.services import department_contacts, matter_list
from desktop.services.cases import onspot_escalation
from desktop.services.clock import beijing_today

CITY = "450500000000"


def _publish_next_version(world, *, drop: str | None = None) -> None:
    """The city's next version: a copy of the one in force, without the item `drop` if named."""
    for code in ("QG-PCS", "BH-GD", "YH-SCJG"):
        department_contacts.add_contact(world.db, world.system, code, name="指导员", phone="0779-3000000",
                                        guidance=True)
    draft = matter_list.start_version(world.db, world.system, place_code=CITY)
    if drop is not None:
        item = next(i for i in matter_list.items(world.db, draft.id) if i.draft.code == drop)
        matter_list.remove_item(world.db, world.system, item.id)
    matter_list.publish(world.db, world.system, draft.id, on=beijing_today())


@pytest.mark.law("Art. 13")
def test_grid_staff_settle_a_case_whose_item_the_next_version_keeps(world):
    case = world.new_case(channel=Channel.GRID_STAFF).case  # 邻里矛盾纠纷调处 (M05-01) of version 1
    _publish_next_version(world)
    closed = onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="网格长现场调解",
                                               expected_version=case.version)
    assert closed.state is CaseState.RESOLVED_ON_SPOT


@pytest.mark.law("Art. 13")
def test_an_item_the_next_version_retired_is_no_longer_handed_to_grid_staff(world):
    case = world.new_case(channel=Channel.GRID_STAFF).case
    _publish_next_version(world, drop="M05-01")
    with pytest.raises(LawRefusal, match=r"M05-01.*不在现行网格化服务管理事项清单内.*Art. 13"):
        onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="网格长现场调解",
                                          expected_version=case.version)
