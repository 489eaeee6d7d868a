-- Daily rollups of the cost line items: what the reports, the dashboard, the spend chart and the
-- threshold evaluation read, instead of summing raw rows on every view. One row per connection,
-- billing period, service, charge day and currency; written by the import in the transaction that
-- writes the line items, per billing period, so a restatement replaces them with the rows.

CREATE TABLE IF NOT EXISTS cost_daily_rollups (
    csp_connection_id UUID NOT NULL,
    billing_period_start DATE NOT NULL,
    service_id UUID NOT NULL,
    day DATE NOT NULL,
    billing_currency CHAR(3) NOT NULL,
    billed_cost DECIMAL(30,11) NOT NULL,
    effective_cost DECIMAL(30,11) NOT NULL,
    line_count INT UNSIGNED NOT NULL,
    -- The end of the latest charge in the group: how current the figures are ("as of").
    newest_charge_end DATETIME NOT NULL,
    PRIMARY KEY (csp_connection_id, billing_period_start, service_id, day, billing_currency),
    -- Spend of a connection (and of some of its services) over days.
    KEY ix_cost_daily_rollups_day (csp_connection_id, day, service_id),
    CONSTRAINT fk_cost_daily_rollups_connection FOREIGN KEY (csp_connection_id) REFERENCES csp_connections (id) ON DELETE CASCADE,
    CONSTRAINT fk_cost_daily_rollups_service FOREIGN KEY (service_id) REFERENCES csp_services (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The line items already imported.
INSERT INTO cost_daily_rollups (csp_connection_id, billing_period_start, service_id, day, billing_currency, billed_cost,
                                effective_cost, line_count, newest_charge_end)
SELECT csp_connection_id, billing_period_start, service_id, DATE(charge_period_start), billing_currency, SUM(billed_cost),
       SUM(effective_cost), COUNT(*), MAX(charge_period_end)
FROM cost_line_items
GROUP BY csp_connection_id, billing_period_start, service_id, DATE(charge_period_start), billing_currency;
