"""The address of the grids' public pages is unset until the city sets it (Art. 14)

The notice-board sheets' QR codes had defaulted to a made-up address under the city's government
domain, and a city that saved the sheet texts without changing it kept that address as its own:
sheets posted with such a code send residents nowhere. The address now defaults to unset (no QR
code is printed until it is set); an address stored unchanged from the former default is cleared.

Revision ID: 0018
Revises: 0017
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

FORMER_DEFAULT = "https://wgh.beihai.gov.cn/grid/{code}"


def upgrade() -> None:
    # The value is JSON, stored as written (PostgreSQL's json has no equality of its own).
    op.execute(sa.text("DELETE FROM settings WHERE key = 'notice.url' AND CAST(value AS TEXT) = :former")
               .bindparams(former=json.dumps(FORMER_DEFAULT)))


def downgrade() -> None:
    """Nothing to restore: an unset address reads as the former default under the revisions before."""
