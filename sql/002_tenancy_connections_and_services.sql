-- Cloud and SaaS accounts (CSP connections) and the service catalogue of each.

CREATE TABLE IF NOT EXISTS csp_connections (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    name VARCHAR(100) NOT NULL,
    provider VARCHAR(25) NOT NULL,
    -- ISO 4217 code; cost rows in another currency are refused, never mixed.
    currency CHAR(3) NOT NULL DEFAULT 'USD',
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    created_by UUID NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_csp_connections_name (organization_id, name),
    -- Lets budgets reference (connection, organization) so a budget can never point across tenants.
    UNIQUE KEY uq_csp_connections_tenant (id, organization_id),
    CONSTRAINT fk_csp_connections_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT ck_csp_connections_provider CHECK (provider IN ('aws', 'azure', 'gcp', 'oci', 'other')),
    CONSTRAINT ck_csp_connections_currency CHECK (currency REGEXP '^[A-Z]{3}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS csp_services (
    id UUID NOT NULL,
    csp_connection_id UUID NOT NULL,
    service_name VARCHAR(255) NOT NULL,
    service_category VARCHAR(100) NULL,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY uq_csp_services_name (csp_connection_id, service_name),
    CONSTRAINT fk_csp_services_connection FOREIGN KEY (csp_connection_id) REFERENCES csp_connections (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
