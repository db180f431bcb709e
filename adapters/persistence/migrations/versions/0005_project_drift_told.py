"""project drift told

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("drift_told", sa.String(length=10), nullable=True))
    # What managers were already told of the current baseline (drift notices keyed
    # "<ws>:drift:<project>:<baseline>:<level>"), so the once-per-rise rule does not tell
    # them again.
    for level in ("amber", "red"):  # red last: the higher level told wins
        op.execute(
            sa.text(
                "UPDATE projects SET drift_told = :level WHERE EXISTS (SELECT 1 FROM outbox "
                "WHERE outbox.dedupe_key = projects.workspace_id || ':drift:' || projects.id "
                "|| ':' || (SELECT MAX(id) FROM baselines WHERE project_id = projects.id) "
                "|| ':' || :level)"
            ).bindparams(level=level)
        )


def downgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_column("drift_told")
