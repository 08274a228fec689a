"""督办 orders taken over by a later order of the case are closed when it was issued

A new order (一般 → 重点督办, 再次督办) closes the running orders of its level and below
(supervision.issue_order). Orders issued before left the earlier ones running: a case kept
"督办超期" by an order long taken over, and stood in 待重点督办 for it (Art. 20(1)). Each such
order is closed at the moment the first later order of the case that takes it over was issued
(supervision.taken_over_by reads that moment back). A 一般督办 does not take over a 重点督办.

Revision ID: 0028
Revises: 0027
"""
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

# A later order of the same case, of the same level or above.
_TAKES_OVER = ("FROM supervision_orders AS newer WHERE newer.case_id = supervision_orders.case_id "
               "AND newer.id > supervision_orders.id "
               "AND (newer.level = 'key' OR supervision_orders.level = 'general')")


def upgrade() -> None:
    op.execute(f"UPDATE supervision_orders SET closed_at = (SELECT min(newer.issued_at) {_TAKES_OVER}) "
               f"WHERE closed_at IS NULL AND EXISTS (SELECT 1 {_TAKES_OVER})")


def downgrade() -> None:
    # Which orders this closed is not told apart from those a later version closed the same way: kept closed.
    pass
