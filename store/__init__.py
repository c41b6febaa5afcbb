"""counterclaim's persistence: SQLModel tables, migrations, queries and the review log.

`store.api.Store` is the only door; it hands out domain models from `claims.models`.
"""
