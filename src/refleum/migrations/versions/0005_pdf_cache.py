"""Rendered PDF cache, keyed by resume content version, template and page size.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pdf_cache",
        sa.Column("resume_id", sa.String(length=40), nullable=False),
        sa.Column("content_version", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(length=20), nullable=False),
        sa.Column("page_size", sa.String(length=10), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["resume_id"],
            ["resumes.id"],
            name=op.f("fk_pdf_cache_resume_id_resumes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "resume_id", "content_version", "template", "page_size", name=op.f("pk_pdf_cache")
        ),
    )


def downgrade() -> None:
    op.drop_table("pdf_cache")
