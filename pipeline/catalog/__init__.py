"""Cataloguing: Records into SQLite, with ingest, workers, executors and read connections."""
