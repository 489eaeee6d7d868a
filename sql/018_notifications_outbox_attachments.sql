-- An e-mail may carry one file (a report's CSV), kept with the message until it is sent.
ALTER TABLE alert_outbox
    ADD COLUMN attachment_name VARCHAR(255) NULL AFTER body_html,
    ADD COLUMN attachment_type VARCHAR(100) NULL AFTER attachment_name,
    ADD COLUMN attachment_body MEDIUMTEXT NULL AFTER attachment_type;
