-- A webhook's page and `GET /api/webhooks/{id}/deliveries` list its most recent deliveries: an
-- index per webhook, newest first, instead of a scan of the whole outbox.
CREATE INDEX IF NOT EXISTS ix_alert_outbox_webhook ON alert_outbox (webhook_id, id);
