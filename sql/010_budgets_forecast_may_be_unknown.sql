-- A forecast needs three days of a period: before that there is none, rather than a guess from
-- one morning's spend.
ALTER TABLE budget_evaluations MODIFY forecast_spend DECIMAL(30,2) NULL;
