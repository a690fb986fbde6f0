"""Job runner identities and heartbeats; a parse lease names its worker.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workers",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("hostname", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workers")),
    )
    with op.batch_alter_table("resumes") as batch_op:
        batch_op.add_column(sa.Column("lease_owner", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("resumes") as batch_op:
        batch_op.drop_column("lease_owner")
    op.drop_table("workers")
