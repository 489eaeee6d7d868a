-- Users are invited, change role, are deactivated and reset their password from the pages.
--
-- A deactivated user keeps its row (the audit trails name it) but no longer signs in: its tokens
-- and sessions stop working at once. An invited user has no password until it follows its link.

ALTER TABLE users
    MODIFY password_hash VARCHAR(255) NULL,
    ADD COLUMN IF NOT EXISTS deactivated_at DATETIME(6) NULL,
    ADD COLUMN IF NOT EXISTS deactivated_by UUID NULL,
    -- The IANA zone pages write times in (Europe/Paris); NULL until the browser sends its own.
    ADD COLUMN IF NOT EXISTS time_zone VARCHAR(64) NULL;

-- A link that sets a password: an invitation (days) or a reset (minutes). Only the SHA-256 of the
-- link's random token is stored, so a copy of this table opens no account; a link works once.
CREATE TABLE IF NOT EXISTS password_links (
    token_hash CHAR(64) NOT NULL,
    user_id UUID NOT NULL,
    organization_id UUID NOT NULL,
    purpose VARCHAR(12) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at DATETIME(6) NULL,
    PRIMARY KEY (token_hash),
    KEY ix_password_links_user (user_id, created_at),
    CONSTRAINT fk_password_links_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_password_links_purpose CHECK (purpose IN ('invitation', 'reset'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
