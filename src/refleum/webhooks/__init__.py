"""Webhooks: endpoints per organization, and signed deliveries of the outbox's events
(Standard Webhooks) with retries, a delivery log and manual redelivery. docs/webhooks.md."""
