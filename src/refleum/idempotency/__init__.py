"""Idempotency-Key on POST: a retried request replays the first one's response."""
