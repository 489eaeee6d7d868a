-- Cost line items, close to the FinOps FOCUS columns; every spend figure is summed from here.
-- BilledCost is cash as invoiced ("actual spend"), EffectiveCost is amortized ("actual cost").

CREATE TABLE IF NOT EXISTS cost_line_items (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    csp_connection_id UUID NOT NULL,
    service_id UUID NOT NULL,
    billing_period_start DATE NOT NULL,
    billing_period_end DATE NOT NULL,
    charge_period_start DATETIME NOT NULL,
    charge_period_end DATETIME NOT NULL,
    service_name VARCHAR(255) NOT NULL,
    service_category VARCHAR(100) NULL,
    provider_name VARCHAR(100) NULL,
    charge_category VARCHAR(50) NULL,
    billed_cost DECIMAL(23,11) NOT NULL,
    effective_cost DECIMAL(23,11) NOT NULL,
    list_cost DECIMAL(23,11) NULL,
    billing_currency CHAR(3) NOT NULL,
    resource_id VARCHAR(1024) NULL,
    tags JSON NULL,
    import_id BIGINT UNSIGNED NULL,
    PRIMARY KEY (id),
    -- Spend of a connection (and of some of its services) in a period.
    KEY ix_cost_line_items_spend (csp_connection_id, charge_period_start, service_id),
    -- Restated billing periods are replaced as a whole.
    KEY ix_cost_line_items_billing_period (csp_connection_id, billing_period_start),
    CONSTRAINT fk_cost_line_items_connection FOREIGN KEY (csp_connection_id) REFERENCES csp_connections (id) ON DELETE CASCADE,
    CONSTRAINT fk_cost_line_items_service FOREIGN KEY (service_id) REFERENCES csp_services (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
