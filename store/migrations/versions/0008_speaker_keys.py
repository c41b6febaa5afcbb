"""Speaker keys made again with the current normaliser.

Casefiles written before speaker names in any script had keys stored a name in a
non-Latin script ("Владимир Путин", "李强", "כהן") under an empty key and "Ørsted" under
"rsted", so a new document naming that speaker never found the row by its key. Every
speaker's key is computed again here from its name (`claims.speakers.speaker_key`); a row
whose key is already right is left alone. Which claims a speaker holds does not change:
speakers an empty key once joined stay joined until a reviewer unmerges them.

The old keys were wrong, so a downgrade leaves the new ones.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from claims.speakers import speaker_key

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    """Re-key the speakers a batch of ids at a time (bounded memory at any size)."""
    bind = op.get_bind()
    select = sa.text("SELECT id, name, key FROM speaker WHERE id > :after ORDER BY id LIMIT :batch")
    update = sa.text("UPDATE speaker SET key = :key WHERE id = :id")
    after = 0
    while True:
        rows = bind.execute(select, {"after": after, "batch": BATCH}).all()
        if not rows:
            return
        changed = [
            {"id": row.id, "key": key}
            for row in rows
            if (key := speaker_key(row.name or "")) != row.key
        ]
        if changed:
            bind.execute(update, changed)
        after = rows[-1].id


def downgrade() -> None:
    pass
