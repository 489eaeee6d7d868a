-- The registration form carries a random key, kept with the webhook it created: the same form
-- posted again (a reload of the page that showed the secret) finds that webhook instead of
-- registering a second one with a new secret. The API does not use it (NULL, never unique).
ALTER TABLE webhooks ADD COLUMN IF NOT EXISTS registration_key VARCHAR(64) NULL;
CREATE UNIQUE INDEX IF NOT EXISTS uq_webhooks_registration ON webhooks (organization_id, registration_key);
