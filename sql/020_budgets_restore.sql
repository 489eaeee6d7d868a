-- A deleted budget can be restored (undo on the page, POST /api/budgets/{id}/restore): its audit
-- trail records the restoration.

ALTER TABLE budget_audit_log DROP CONSTRAINT IF EXISTS ck_budget_audit_log_action;
ALTER TABLE budget_audit_log ADD CONSTRAINT ck_budget_audit_log_action CHECK (action IN ('created', 'updated', 'deleted', 'restored'));
