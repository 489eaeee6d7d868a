-- An organization's tag policy: the tags every cost must carry (financial-governance-framework.md
-- 2.2), each optionally with the values it may take. Keys are matched as `TagKey.normalized` says
-- (no `user:` prefix, any case), so one key can be required only once.
CREATE TABLE IF NOT EXISTS tag_policy_keys (
    organization_id UUID NOT NULL,
    position SMALLINT UNSIGNED NOT NULL,
    tag_key VARCHAR(128) NOT NULL,
    -- Binary, so that the database tells keys apart exactly as `TagKey.normalized` does (the table's
    -- collation would take "ß" for "ss" and refuse a policy the service had accepted).
    key_normalized VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    -- A JSON array of the allowed values; NULL for any non-empty value.
    allowed_values JSON NULL,
    updated_at DATETIME(6) NOT NULL,
    updated_by UUID NULL,
    PRIMARY KEY (organization_id, position),
    UNIQUE KEY uq_tag_policy_keys_key (organization_id, key_normalized),
    CONSTRAINT fk_tag_policy_keys_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
