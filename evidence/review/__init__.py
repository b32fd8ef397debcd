"""Reviewing a case: dispositions, notes and tags on listings, and the triage queue."""
