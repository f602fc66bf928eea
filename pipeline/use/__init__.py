"""Use: search, calendar, the web UI and searchable PDFs, all reading the catalog."""
