-- Threshold evaluation and alert delivery.

-- The last evaluation of each budget: status and figures as the evaluator saw them.
CREATE TABLE IF NOT EXISTS budget_evaluations (
    budget_id UUID NOT NULL,
    period_start DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    current_spend DECIMAL(30,2) NOT NULL,
    remaining_amount DECIMAL(30,2) NOT NULL,
    utilization_percentage DECIMAL(30,2) NOT NULL,
    forecast_spend DECIMAL(30,2) NOT NULL,
    last_evaluated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (budget_id),
    CONSTRAINT fk_budget_evaluations_budget FOREIGN KEY (budget_id) REFERENCES t_budgets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A rule reaching its threshold in a period. At most one active breach per (rule, period): the
-- unique key makes a second firing impossible, whichever evaluator, on whichever host, tries.
-- Spend falling below the threshold again (the amount was raised) clears the breach, which
-- re-arms the rule; a new period has a new key, so every rule is armed again.
CREATE TABLE IF NOT EXISTS budget_threshold_breaches (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    organization_id UUID NOT NULL,
    budget_id UUID NOT NULL,
    rule_id UUID NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    trigger_type VARCHAR(25) NOT NULL,
    threshold_percentage DECIMAL(7,3) NOT NULL,
    threshold_amount DECIMAL(18,2) NOT NULL,
    figure DECIMAL(30,2) NOT NULL,
    budget_amount DECIMAL(18,2) NOT NULL,
    currency CHAR(3) NOT NULL,
    breached_at DATETIME(6) NOT NULL,
    cleared_at DATETIME(6) NULL,
    active_key TINYINT AS (IF(cleared_at IS NULL, 1, NULL)) PERSISTENT,
    PRIMARY KEY (id),
    UNIQUE KEY uq_breaches_active (rule_id, period_start, active_key),
    KEY ix_breaches_budget (budget_id, id),
    KEY ix_breaches_period (period_start, cleared_at),
    CONSTRAINT fk_breaches_budget FOREIGN KEY (budget_id) REFERENCES t_budgets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Webhooks an organization's admins registered; each receives the events it subscribed to,
-- signed with its own secret.
CREATE TABLE IF NOT EXISTS webhooks (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    url VARCHAR(2048) NOT NULL,
    secret VARCHAR(128) NOT NULL,
    events JSON NOT NULL,
    created_at DATETIME(6) NOT NULL,
    created_by UUID NULL,
    PRIMARY KEY (id),
    KEY ix_webhooks_organization (organization_id),
    CONSTRAINT fk_webhooks_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every message to send: an e-mail to one recipient or an event to one webhook, written in the
-- transaction of what it announces, then delivered (and retried) by one deliverer at a time.
CREATE TABLE IF NOT EXISTS alert_outbox (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    organization_id UUID NOT NULL,
    budget_id UUID NULL,
    breach_id BIGINT UNSIGNED NULL,
    event_id UUID NULL,
    channel VARCHAR(16) NOT NULL,
    recipient VARCHAR(2048) NOT NULL,
    webhook_id UUID NULL,
    subject VARCHAR(255) NULL,
    body_text MEDIUMTEXT NULL,
    body_html MEDIUMTEXT NULL,
    payload MEDIUMTEXT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    attempts INT UNSIGNED NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6) NOT NULL,
    last_error VARCHAR(1024) NULL,
    created_at DATETIME(6) NOT NULL,
    delivered_at DATETIME(6) NULL,
    PRIMARY KEY (id),
    KEY ix_alert_outbox_due (status, next_attempt_at),
    KEY ix_alert_outbox_breach (breach_id),
    KEY ix_alert_outbox_budget (budget_id, id),
    CONSTRAINT fk_alert_outbox_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_alert_outbox_budget FOREIGN KEY (budget_id) REFERENCES t_budgets (id) ON DELETE CASCADE,
    CONSTRAINT ck_alert_outbox_channel CHECK (channel IN ('email', 'webhook')),
    CONSTRAINT ck_alert_outbox_status CHECK (status IN ('pending', 'sending', 'delivered', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
