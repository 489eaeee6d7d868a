-- Numbers a tenant sees (imports, alerts, messages) count within the organization, so a tenant
-- cannot read another's activity from the gaps; the auto-increment ids stay internal.
CREATE TABLE IF NOT EXISTS organization_counters (
    organization_id UUID NOT NULL,
    counter VARCHAR(32) NOT NULL,
    value BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (organization_id, counter),
    CONSTRAINT fk_organization_counters_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE cost_imports ADD COLUMN number BIGINT UNSIGNED NULL;
UPDATE cost_imports c JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY id) AS n FROM cost_imports) r
    ON r.id = c.id SET c.number = r.n;
ALTER TABLE cost_imports MODIFY number BIGINT UNSIGNED NOT NULL, ADD UNIQUE KEY uq_cost_imports_number (organization_id, number);

ALTER TABLE budget_threshold_breaches ADD COLUMN number BIGINT UNSIGNED NULL;
UPDATE budget_threshold_breaches b
    JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY id) AS n FROM budget_threshold_breaches) r
    ON r.id = b.id SET b.number = r.n;
ALTER TABLE budget_threshold_breaches MODIFY number BIGINT UNSIGNED NOT NULL,
    ADD UNIQUE KEY uq_breaches_number (organization_id, number);

ALTER TABLE alert_outbox ADD COLUMN number BIGINT UNSIGNED NULL;
UPDATE alert_outbox m JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY id) AS n FROM alert_outbox) r
    ON r.id = m.id SET m.number = r.n;
ALTER TABLE alert_outbox MODIFY number BIGINT UNSIGNED NOT NULL, ADD UNIQUE KEY uq_alert_outbox_number (organization_id, number);

INSERT INTO organization_counters (organization_id, counter, value)
    SELECT organization_id, 'import', MAX(number) FROM cost_imports GROUP BY organization_id
    UNION ALL SELECT organization_id, 'alert', MAX(number) FROM budget_threshold_breaches GROUP BY organization_id
    UNION ALL SELECT organization_id, 'message', MAX(number) FROM alert_outbox GROUP BY organization_id;
