"""Organizations, API keys, resumes and their original files.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("plan", sa.String(length=20), nullable=False),
        sa.Column("rpm_override", sa.Integer(), nullable=True),
        sa.Column("monthly_tailor_override", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("display_prefix", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_api_keys_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_keys_org_id"), ["org_id"], unique=False)

    op.create_table(
        "resumes",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("is_master", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("file_kind", sa.String(length=10), nullable=True),
        sa.Column("markdown", sa.Text(), nullable=True),
        sa.Column("structured_data", sa.JSON(), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("parent_id", sa.String(length=40), nullable=True),
        sa.Column("strategy", sa.String(length=20), nullable=True),
        sa.Column("job_description", sa.Text(), nullable=True),
        sa.Column("job_keywords", sa.JSON(), nullable=True),
        sa.Column("truth_data", sa.JSON(), nullable=True),
        sa.Column("tailoring", sa.JSON(), nullable=True),
        sa.Column("content_version", sa.Integer(), nullable=False),
        sa.Column("parse_attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_resumes_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["resumes.id"],
            name=op.f("fk_resumes_parent_id_resumes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resumes")),
    )
    with op.batch_alter_table("resumes", schema=None) as batch_op:
        batch_op.create_index("ix_resumes_org_updated", ["org_id", "updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_resumes_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index("ix_resumes_status_lease", ["status", "lease_until"], unique=False)
        batch_op.create_index(
            "uq_resumes_one_master_per_org",
            ["org_id"],
            unique=True,
            sqlite_where=sa.text("is_master"),
            postgresql_where=sa.text("is_master"),
        )

    op.create_table(
        "resume_files",
        sa.Column("resume_id", sa.String(length=40), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resume_id"],
            ["resumes.id"],
            name=op.f("fk_resume_files_resume_id_resumes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("resume_id", name=op.f("pk_resume_files")),
    )


def downgrade() -> None:
    op.drop_table("resume_files")
    with op.batch_alter_table("resumes", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_resumes_one_master_per_org",
            sqlite_where=sa.text("is_master"),
            postgresql_where=sa.text("is_master"),
        )
        batch_op.drop_index("ix_resumes_status_lease")
        batch_op.drop_index(batch_op.f("ix_resumes_parent_id"))
        batch_op.drop_index("ix_resumes_org_updated")

    op.drop_table("resumes")
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_keys_org_id"))

    op.drop_table("api_keys")
    op.drop_table("organizations")
