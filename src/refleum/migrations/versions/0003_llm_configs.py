"""LLM configuration per organization (key encrypted at rest), call records, keyword cache.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "llm_configs",
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("api_key_encrypted", sa.Text(), nullable=True),
        sa.Column("api_base", sa.String(length=500), nullable=True),
        sa.Column("reasoning_effort", sa.String(length=20), nullable=True),
        sa.Column("enable_cover_letter", sa.Boolean(), nullable=False),
        sa.Column("enable_outreach_message", sa.Boolean(), nullable=False),
        sa.Column("content_language", sa.String(length=35), nullable=False),
        sa.Column("default_prompt_id", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_llm_configs_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_llm_configs")),
    )
    op.create_table(
        "llm_calls",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("input_tokens", sa.Integer(), nullable=False),
        sa.Column("output_tokens", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_llm_calls_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_llm_calls")),
    )
    with op.batch_alter_table("llm_calls") as batch_op:
        batch_op.create_index(batch_op.f("ix_llm_calls_org_id"), ["org_id"], unique=False)
    op.create_table(
        "job_keywords_cache",
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("jd_hash", sa.String(length=64), nullable=False),
        sa.Column("engine", sa.String(length=250), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_job_keywords_cache_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("org_id", "jd_hash", "engine", name=op.f("pk_job_keywords_cache")),
    )


def downgrade() -> None:
    op.drop_table("job_keywords_cache")
    with op.batch_alter_table("llm_calls") as batch_op:
        batch_op.drop_index(batch_op.f("ix_llm_calls_org_id"))
    op.drop_table("llm_calls")
    op.drop_table("llm_configs")
