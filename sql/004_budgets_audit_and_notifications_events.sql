-- Who changed what, and the domain events for downstream systems. Both are written in the same
-- transaction as the change they record.

CREATE TABLE IF NOT EXISTS budget_audit_log (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    organization_id UUID NOT NULL,
    budget_id UUID NOT NULL,
    action VARCHAR(25) NOT NULL,
    actor_id UUID NULL,
    actor_email VARCHAR(254) NULL,
    occurred_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    before_state JSON NULL,
    after_state JSON NULL,
    PRIMARY KEY (id),
    KEY ix_budget_audit_log_budget (budget_id, id),
    KEY ix_budget_audit_log_organization (organization_id, id),
    CONSTRAINT ck_budget_audit_log_action CHECK (action IN ('created', 'updated', 'deleted'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS domain_events (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    event_id UUID NOT NULL,
    organization_id UUID NOT NULL,
    -- Per organization, gap-free and in commit order: the feed's resumable cursor.
    seq BIGINT UNSIGNED NOT NULL,
    event_type VARCHAR(64) NOT NULL,
    budget_id UUID NULL,
    occurred_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    payload JSON NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_domain_events_event (event_id),
    UNIQUE KEY uq_domain_events_seq (organization_id, seq),
    KEY ix_domain_events_budget (budget_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
