-- Tenants and the people who sign in. utf8mb4 throughout; ids are MariaDB's native UUID type.

CREATE TABLE IF NOT EXISTS organizations (
    id UUID NOT NULL,
    name VARCHAR(255) NOT NULL,
    -- The last sequence number given to this organization's domain events (the event feed's cursor).
    last_event_seq BIGINT UNSIGNED NOT NULL DEFAULT 0,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    created_by UUID NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_organizations_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS users (
    id UUID NOT NULL,
    -- NULL only for a platform administrator who belongs to no organization.
    organization_id UUID NULL,
    email VARCHAR(254) NOT NULL,
    -- Argon2id, in libsodium's encoded form ($argon2id$v=19$m=…); never the password itself.
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(25) NOT NULL,
    is_platform_admin BOOLEAN NOT NULL DEFAULT FALSE,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    created_by UUID NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_users_email (email),
    KEY ix_users_organization (organization_id),
    CONSTRAINT fk_users_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT ck_users_role CHECK (role IN ('viewer', 'editor', 'admin')),
    CONSTRAINT ck_users_tenant CHECK (organization_id IS NOT NULL OR is_platform_admin)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed sign-ins per address, so repeated guessing is slowed down whatever the web server does.
CREATE TABLE IF NOT EXISTS login_failures (
    email VARCHAR(254) NOT NULL,
    failed_at DATETIME(6) NOT NULL,
    KEY ix_login_failures_email (email, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
