-- Reports: editors' explanations of variances, issued (frozen) versions of monthly reports, the
-- report subscriptions, each subscription's deliveries (one per period: the exactly-once key),
-- and the audit trail of what people did to reports.

CREATE TABLE IF NOT EXISTS report_explanations (
    organization_id UUID NOT NULL,
    month DATE NOT NULL,
    budget_id UUID NOT NULL,
    body VARCHAR(2000) NOT NULL,
    author_id UUID NULL,
    author_email VARCHAR(320) NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (organization_id, month, budget_id),
    CONSTRAINT fk_report_explanations_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_report_explanations_budget FOREIGN KEY (budget_id) REFERENCES t_budgets (id) ON DELETE CASCADE,
    CONSTRAINT ck_report_explanations_month CHECK (DAY(month) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS report_versions (
    organization_id UUID NOT NULL,
    month DATE NOT NULL,
    version INT UNSIGNED NOT NULL,
    document MEDIUMTEXT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    issued_by UUID NULL,
    issued_by_email VARCHAR(320) NULL,
    issued_at DATETIME(6) NOT NULL,
    -- 'admin' (issued by hand) or 'subscription' (issued by sending it).
    issued_through VARCHAR(16) NOT NULL,
    forced TINYINT(1) NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, month, version),
    KEY ix_report_versions_issued (issued_at),
    CONSTRAINT fk_report_versions_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT ck_report_versions_through CHECK (issued_through IN ('admin', 'subscription'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS report_subscriptions (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    report VARCHAR(16) NOT NULL,
    email VARCHAR(320) NOT NULL,
    format VARCHAR(16) NOT NULL,
    created_by UUID NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_report_subscriptions (organization_id, report, email),
    CONSTRAINT fk_report_subscriptions_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT ck_report_subscriptions_report CHECK (report IN ('monthly', 'weekly', 'daily')),
    CONSTRAINT ck_report_subscriptions_format CHECK (format IN ('summary', 'full'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A subscription's period is sent once: this row and its outbox message commit together.
CREATE TABLE IF NOT EXISTS report_deliveries (
    subscription_id UUID NOT NULL,
    period VARCHAR(10) NOT NULL,
    organization_id UUID NOT NULL,
    version INT UNSIGNED NULL,
    queued_at DATETIME(6) NOT NULL,
    PRIMARY KEY (subscription_id, period),
    CONSTRAINT fk_report_deliveries_subscription FOREIGN KEY (subscription_id) REFERENCES report_subscriptions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS report_audit_log (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    organization_id UUID NOT NULL,
    month DATE NOT NULL,
    action VARCHAR(16) NOT NULL,
    budget_id UUID NULL,
    version INT UNSIGNED NULL,
    actor_id UUID NULL,
    actor_email VARCHAR(320) NULL,
    detail MEDIUMTEXT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_report_audit_log_month (organization_id, month, id),
    CONSTRAINT fk_report_audit_log_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT ck_report_audit_log_action CHECK (action IN ('explained', 'issued'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
