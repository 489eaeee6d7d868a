-- Tags normalized at import (issue 17), so that allocation, compliance and budgets by tag aggregate
-- without parsing JSON at query time. A line item's `Tags` object becomes a tag set: its keys as
-- `TagKey.normalized` writes them (no `user:` prefix, lower case), its values trimmed and lower case
-- for matching, the first spelling seen kept for display. Identical sets of one organization are
-- stored once, so a month of a million line items has a few hundred sets.
CREATE TABLE IF NOT EXISTS cost_tag_sets (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    organization_id UUID NOT NULL,
    -- SHA-256 of the normalized pairs, in key order.
    digest BINARY(32) NOT NULL,
    -- The set as {"normalized key": "value as first written"}.
    tags JSON NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_cost_tag_sets_digest (organization_id, digest),
    CONSTRAINT fk_cost_tag_sets_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per key of a set: what a tag filter or a dimension joins on. Binary collations, so that the
-- database compares exactly as `TagKey` does. Keys longer than a policy's (128) are left out; values
-- are kept to their first 256 characters, a policy value's limit.
CREATE TABLE IF NOT EXISTS cost_tag_values (
    tag_set_id BIGINT UNSIGNED NOT NULL,
    tag_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    tag_value VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    display_value VARCHAR(256) NOT NULL,
    PRIMARY KEY (tag_set_id, tag_key),
    KEY ix_cost_tag_values_value (tag_key, tag_value, tag_set_id),
    CONSTRAINT fk_cost_tag_values_set FOREIGN KEY (tag_set_id) REFERENCES cost_tag_sets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE cost_line_items ADD COLUMN IF NOT EXISTS tag_set_id BIGINT UNSIGNED NULL;

-- Daily spend per tag set (line items without tags are left out): budgets that select by tag read it
-- beside cost_daily_rollups. Rebuilt with the daily rollups, per billing period, by the import.
CREATE TABLE IF NOT EXISTS cost_tag_rollups (
    csp_connection_id UUID NOT NULL,
    billing_period_start DATE NOT NULL,
    service_id UUID NOT NULL,
    day DATE NOT NULL,
    billing_currency CHAR(3) NOT NULL,
    tag_set_id BIGINT UNSIGNED NOT NULL,
    billed_cost DECIMAL(30,11) NOT NULL,
    effective_cost DECIMAL(30,11) NOT NULL,
    PRIMARY KEY (csp_connection_id, billing_period_start, service_id, day, billing_currency, tag_set_id),
    KEY ix_cost_tag_rollups_day (csp_connection_id, day, tag_set_id),
    CONSTRAINT fk_cost_tag_rollups_connection FOREIGN KEY (csp_connection_id) REFERENCES csp_connections (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Monthly spend per resource and tag set (the month its charges began in): what compliance and
-- chargeback read, since assignment rules match resource ids and compliance counts resources.
CREATE TABLE IF NOT EXISTS cost_resource_rollups (
    csp_connection_id UUID NOT NULL,
    billing_period_start DATE NOT NULL,
    month DATE NOT NULL,
    service_id UUID NOT NULL,
    billing_currency CHAR(3) NOT NULL,
    -- The first 16 bytes of the resource id's SHA-256 ('' without one): the id itself is too long for a key.
    resource_digest BINARY(16) NOT NULL,
    -- 0: the line items carry no tags.
    tag_set_id BIGINT UNSIGNED NOT NULL,
    resource_id VARCHAR(1024) NULL,
    billed_cost DECIMAL(30,11) NOT NULL,
    effective_cost DECIMAL(30,11) NOT NULL,
    line_count INT UNSIGNED NOT NULL,
    PRIMARY KEY (csp_connection_id, billing_period_start, month, service_id, billing_currency, resource_digest, tag_set_id),
    KEY ix_cost_resource_rollups_month (csp_connection_id, month),
    CONSTRAINT fk_cost_resource_rollups_connection FOREIGN KEY (csp_connection_id) REFERENCES csp_connections (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
