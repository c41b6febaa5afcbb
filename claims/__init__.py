"""counterclaim's domain: claims, their extraction, matching, conflicts and reports.

Pure Python: nothing here imports the store, the UI, Textual, Rich or SQLAlchemy.
"""
