-- Budgets by tag (issue 17): a budget may select its connection's costs by tags as well as by
-- services. Each row is one key (keys AND), with the values it may have (values OR), matched as
-- `TagKey` says: the key without AWS's `user:` prefix and ignoring case, values ignoring case and
-- surrounding spaces. Rows go with their budget; a soft-deleted budget keeps them, so a restored
-- one selects what it selected.
CREATE TABLE IF NOT EXISTS t_budget_tag_filters (
    budget_id UUID NOT NULL,
    position SMALLINT UNSIGNED NOT NULL,
    -- As its owner wrote it (trimmed), for people.
    tag_key VARCHAR(128) NOT NULL,
    -- `TagKey.normalized`; binary, so that the database tells keys apart exactly as the validator
    -- does (the table's collation would take "ß" for "ss" and refuse a budget it had accepted).
    key_normalized VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    -- A JSON array of the values as written (trimmed, each once as matched); never empty.
    tag_values JSON NOT NULL,
    PRIMARY KEY (budget_id, position),
    UNIQUE KEY uq_t_budget_tag_filters_key (budget_id, key_normalized),
    CONSTRAINT fk_t_budget_tag_filters_budget FOREIGN KEY (budget_id) REFERENCES t_budgets (id) ON DELETE CASCADE,
    CONSTRAINT ck_t_budget_tag_filters_values CHECK (JSON_LENGTH(tag_values) > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
