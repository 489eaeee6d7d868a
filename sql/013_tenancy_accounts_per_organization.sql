-- A person who works for two organizations has an account in each: the same address, its own
-- password and role. Addresses are unique within an organization (and among platform
-- administrators), so adding a user can never tell one tenant that another knows the address.
ALTER TABLE users
    ADD COLUMN account_scope VARCHAR(36) AS (IFNULL(CAST(organization_id AS CHAR), 'platform')) PERSISTENT,
    DROP INDEX uq_users_email,
    ADD UNIQUE KEY uq_users_scope_email (account_scope, email),
    ADD KEY ix_users_email (email);

-- Failed sign-ins are counted per address and client, so guessing from one client slows that
-- client down instead of locking the owner out everywhere.
ALTER TABLE login_failures
    ADD COLUMN client VARCHAR(64) NOT NULL DEFAULT '',
    ADD KEY ix_login_failures_client (email, client, failed_at);
