-- An e-mail still waiting when its budget is deleted is not sent: it ends as 'cancelled'.
ALTER TABLE alert_outbox DROP CONSTRAINT ck_alert_outbox_status;
ALTER TABLE alert_outbox ADD CONSTRAINT ck_alert_outbox_status
    CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'cancelled'));
