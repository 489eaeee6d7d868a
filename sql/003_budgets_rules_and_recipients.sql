-- The four tables of the budget module spec. Money is DECIMAL, never FLOAT8: a float sum drifts.

CREATE TABLE IF NOT EXISTS t_budgets (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    csp_connection_id UUID NOT NULL,
    name VARCHAR(25) NOT NULL,
    amount DECIMAL(18,2) NOT NULL,
    time_range VARCHAR(25) NOT NULL,
    renewal_type VARCHAR(25) NOT NULL,
    budget_type VARCHAR(25) NOT NULL,
    start_month DATE NOT NULL,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    created_by UUID NULL,
    updated_by UUID NULL,
    -- Soft deletion: the row and its history stay for audit; every read leaves it out.
    deleted_at DATETIME(6) NULL,
    deleted_by UUID NULL,
    -- Optimistic locking: every change increments it; clients send it back in If-Match.
    version INT UNSIGNED NOT NULL DEFAULT 1,
    -- The name while the budget is live, NULL once deleted: unique per connection among live budgets.
    live_name VARCHAR(25) AS (IF(deleted_at IS NULL, name, NULL)) PERSISTENT,
    PRIMARY KEY (id),
    UNIQUE KEY uq_t_budgets_live_name (csp_connection_id, live_name),
    KEY ix_t_budgets_organization (organization_id, deleted_at, name),
    KEY ix_t_budgets_connection (csp_connection_id, deleted_at),
    CONSTRAINT fk_t_budgets_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_t_budgets_connection FOREIGN KEY (csp_connection_id, organization_id)
        REFERENCES csp_connections (id, organization_id) ON DELETE RESTRICT,
    CONSTRAINT ck_t_budgets_budget_type CHECK (budget_type = 'fixed'),
    CONSTRAINT ck_t_budgets_renewal_type CHECK (renewal_type = 'recurring'),
    CONSTRAINT ck_t_budgets_time_range CHECK (time_range IN ('monthly', 'quarterly', 'yearly')),
    CONSTRAINT ck_t_budgets_amount CHECK (amount > 0),
    CONSTRAINT ck_t_budgets_start_month CHECK (DAYOFMONTH(start_month) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS t_budget_threshold_rules (
    id UUID NOT NULL,
    budget_id UUID NOT NULL,
    percentage DECIMAL(7,3) NOT NULL,
    amount DECIMAL(18,2) NOT NULL,
    trigger_type VARCHAR(25) NOT NULL,
    -- Which figure the user set; the other follows when the budget amount changes.
    basis VARCHAR(10) NOT NULL DEFAULT 'percentage',
    position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_t_budget_threshold_rules_budget (budget_id, position),
    CONSTRAINT fk_t_budget_threshold_rules_budget FOREIGN KEY (budget_id) REFERENCES t_budgets (id) ON DELETE CASCADE,
    CONSTRAINT ck_t_budget_threshold_rules_trigger_type CHECK (trigger_type IN ('actual cost', 'actual spend')),
    CONSTRAINT ck_t_budget_threshold_rules_percentage CHECK (percentage > 0 AND percentage <= 1000),
    CONSTRAINT ck_t_budget_threshold_rules_amount CHECK (amount > 0),
    CONSTRAINT ck_t_budget_threshold_rules_basis CHECK (basis IN ('percentage', 'amount'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS t_budget_alerts_recipients (
    id UUID NOT NULL,
    budget_id UUID NOT NULL,
    email VARCHAR(255) NOT NULL,
    position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uq_t_budget_alerts_recipients_email (budget_id, email),
    CONSTRAINT fk_t_budget_alerts_recipients_budget FOREIGN KEY (budget_id) REFERENCES t_budgets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS t_budget_services_selection (
    id UUID NOT NULL,
    budget_id UUID NOT NULL,
    service_id UUID NOT NULL,
    selected BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (id),
    UNIQUE KEY uq_t_budget_services_selection_service (budget_id, service_id),
    KEY ix_t_budget_services_selection_service (service_id),
    CONSTRAINT fk_t_budget_services_selection_budget FOREIGN KEY (budget_id) REFERENCES t_budgets (id) ON DELETE CASCADE,
    CONSTRAINT fk_t_budget_services_selection_service FOREIGN KEY (service_id) REFERENCES csp_services (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
