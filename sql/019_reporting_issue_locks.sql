-- One row per organization and month that has been issued (or is being issued): the row lock that
-- serializes issuers of the same month, whether admins or report distributors on several workers,
-- so that version numbers are taken one after the other (at READ COMMITTED a locking read of a
-- month without versions locks nothing).
CREATE TABLE IF NOT EXISTS report_issue_locks (
    organization_id UUID NOT NULL,
    month DATE NOT NULL,
    PRIMARY KEY (organization_id, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
