"""Watchlists: scheduled searches, listing lifecycle, takedowns, digests and scheduling."""
