-- Browser sessions. The cookie holds a random id (and its signature); only its SHA-256 is stored,
-- so a copy of this table cannot be used to sign in. Signing out deletes the row.

CREATE TABLE IF NOT EXISTS sessions (
    id_hash CHAR(64) NOT NULL,
    user_id UUID NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id_hash),
    KEY ix_sessions_user (user_id),
    KEY ix_sessions_expiry (expires_at),
    CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
