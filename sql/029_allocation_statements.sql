-- Issued chargeback statements (issue 17; framework 2.3): frozen like monthly reports (the document
-- as issued, its SHA-256), versioned per dimension and month, with a line per value and currency
-- that its owner accepts or disputes, and the disputes an admin resolves.
CREATE TABLE IF NOT EXISTS allocation_statements (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    -- Kept when the dimension is deleted: an issued statement outlives the settings that made it.
    dimension_id UUID NOT NULL,
    dimension_name VARCHAR(64) NOT NULL,
    month DATE NOT NULL,
    version INT UNSIGNED NOT NULL,
    document LONGTEXT NOT NULL,
    checksum CHAR(64) NOT NULL,
    issued_at DATETIME(6) NOT NULL,
    issued_by UUID NULL,
    issued_by_email VARCHAR(254) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_allocation_statements_version (organization_id, dimension_id, month, version),
    KEY ix_allocation_statements_month (organization_id, month),
    CONSTRAINT fk_allocation_statements_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per value and currency of a statement: the unique key under which its owner's e-mail is
-- queued, exactly once, in the transaction that issues the statement.
CREATE TABLE IF NOT EXISTS allocation_statement_lines (
    statement_id UUID NOT NULL,
    currency CHAR(3) NOT NULL,
    value_key VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    value VARCHAR(256) NOT NULL,
    total_cents BIGINT NOT NULL,
    owner_email VARCHAR(254) NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    responded_at DATETIME(6) NULL,
    responded_by_email VARCHAR(254) NULL,
    PRIMARY KEY (statement_id, currency, value_key),
    CONSTRAINT fk_allocation_statement_lines_statement FOREIGN KEY (statement_id) REFERENCES allocation_statements (id) ON DELETE CASCADE,
    CONSTRAINT ck_allocation_statement_lines_status CHECK (status IN ('pending', 'accepted', 'disputed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS allocation_disputes (
    id UUID NOT NULL,
    organization_id UUID NOT NULL,
    statement_id UUID NOT NULL,
    currency CHAR(3) NOT NULL,
    value_key VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    -- The service line disputed; NULL for the value's whole total.
    service_name VARCHAR(255) NULL,
    reason TEXT NOT NULL,
    raised_at DATETIME(6) NOT NULL,
    raised_by_email VARCHAR(254) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'open',
    resolution TEXT NULL,
    resolved_at DATETIME(6) NULL,
    resolved_by_email VARCHAR(254) NULL,
    -- An adjustment moves this many cents from the disputed value to another of the statement.
    adjustment_to_value_key VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    adjustment_cents BIGINT NULL,
    PRIMARY KEY (id),
    KEY ix_allocation_disputes_statement (statement_id),
    KEY ix_allocation_disputes_organization (organization_id, status),
    CONSTRAINT fk_allocation_disputes_statement FOREIGN KEY (statement_id) REFERENCES allocation_statements (id) ON DELETE CASCADE,
    CONSTRAINT ck_allocation_disputes_status CHECK (status IN ('open', 'adjusted', 'rejected'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
