-- Allocation dimensions (issue 17; framework section 2): each reads one tag key; its shared services,
-- split method, fixed shares, assignment rules and value owners are one document (`definition`),
-- always read and replaced whole.
CREATE TABLE IF NOT EXISTS allocation_dimensions (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    name VARCHAR(64) NOT NULL,
    -- Lower case, binary: names are unique ignoring case, as a query parameter names them.
    name_normalized VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    tag_key VARCHAR(128) NOT NULL,
    shared_method VARCHAR(16) NOT NULL,
    metric VARCHAR(64) NULL,
    keeps_unallocated BOOLEAN NOT NULL DEFAULT FALSE,
    definition JSON NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    updated_by UUID NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_allocation_dimensions_name (organization_id, name_normalized),
    CONSTRAINT fk_allocation_dimensions_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT ck_allocation_dimensions_method CHECK (shared_method IN ('proportional', 'even', 'fixed', 'metric'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Usage metrics per value and month (framework 2.3's "usage metrics for allocation"): what a
-- dimension with the `metric` method splits its shared services by.
CREATE TABLE IF NOT EXISTS allocation_metrics (
    organization_id UUID NOT NULL,
    month DATE NOT NULL,
    metric VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    value_normalized VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    value VARCHAR(256) NOT NULL,
    quantity DECIMAL(24,6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    updated_by UUID NULL,
    PRIMARY KEY (organization_id, month, metric, value_normalized),
    CONSTRAINT fk_allocation_metrics_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT ck_allocation_metrics_quantity CHECK (quantity >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
