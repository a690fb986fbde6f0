"""Dashboard people: members, server-side sessions, one-time sign-in links; named and
temporary API keys.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_members_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("email", name=op.f("uq_members_email")),
    )
    op.create_index(op.f("ix_members_org_id"), "members", ["org_id"])
    for table in ("web_sessions", "sign_in_links"):
        columns = [
            sa.Column("id", sa.String(length=40), nullable=False),
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("member_id", sa.String(length=40), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        ]
        if table == "web_sessions":
            columns += [
                sa.Column("csrf_token", sa.String(length=64), nullable=False),
                sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
                sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
            ]
        else:
            columns += [
                sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
                sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
            ]
        op.create_table(
            table,
            *columns,
            sa.ForeignKeyConstraint(
                ["member_id"],
                ["members.id"],
                name=op.f(f"fk_{table}_member_id_members"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint("token_hash", name=op.f(f"uq_{table}_token_hash")),
        )
        op.create_index(op.f(f"ix_{table}_member_id"), table, ["member_id"])
    with op.batch_alter_table("api_keys") as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_keys") as batch_op:
        batch_op.drop_column("expires_at")
        batch_op.drop_column("name")
    for table in ("sign_in_links", "web_sessions"):
        op.drop_index(op.f(f"ix_{table}_member_id"), table_name=table)
        op.drop_table(table)
    op.drop_index(op.f("ix_members_org_id"), table_name="members")
    op.drop_table("members")
