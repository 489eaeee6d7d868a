-- Every cost import, successful or not: who, when, which file (name and SHA-256), how many rows,
-- which billing periods it replaced, and its totals. Line items point at the import that wrote them.

CREATE TABLE IF NOT EXISTS cost_imports (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    organization_id UUID NOT NULL,
    csp_connection_id UUID NOT NULL,
    channel VARCHAR(16) NOT NULL,
    created_by UUID NULL,
    created_by_email VARCHAR(254) NULL,
    started_at DATETIME(6) NOT NULL,
    finished_at DATETIME(6) NULL,
    file_name VARCHAR(255) NOT NULL,
    checksum CHAR(64) NULL,
    bytes BIGINT UNSIGNED NULL,
    row_count BIGINT UNSIGNED NULL,
    replaced_rows BIGINT UNSIGNED NULL,
    billing_periods JSON NULL,
    billed_total DECIMAL(23,11) NULL,
    effective_total DECIMAL(23,11) NULL,
    status VARCHAR(16) NOT NULL,
    problems JSON NULL,
    PRIMARY KEY (id),
    KEY ix_cost_imports_connection (csp_connection_id, id),
    CONSTRAINT fk_cost_imports_connection FOREIGN KEY (csp_connection_id) REFERENCES csp_connections (id) ON DELETE CASCADE,
    CONSTRAINT ck_cost_imports_status CHECK (status IN ('running', 'completed', 'failed')),
    CONSTRAINT ck_cost_imports_channel CHECK (channel IN ('cli', 'api', 'upload'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
