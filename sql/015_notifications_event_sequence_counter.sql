-- Event sequence numbers come from organization_counters like the other numbers. Taking them from
-- the organizations row deadlocked concurrent writers: each held a shared lock on that row (the
-- foreign-key check of the row it had just inserted) and then needed an exclusive one to count.
INSERT INTO organization_counters (organization_id, counter, value)
    SELECT id, 'event', last_event_seq FROM organizations WHERE last_event_seq > 0
    ON DUPLICATE KEY UPDATE value = GREATEST(value, VALUES(value));
