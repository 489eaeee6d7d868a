-- An import's totals are sums of many line items, each up to DECIMAL(23,11): give them room for
-- what the importer can add up (about 10^26) instead of refusing a large file after reading it.
ALTER TABLE cost_imports
    MODIFY billed_total DECIMAL(38,11) NULL,
    MODIFY effective_total DECIMAL(38,11) NULL;
