-- What an import told the person who ran it stays with its record, so the page that shows an
-- import (and the API's history) can say it again: its warnings, the services it added to the
-- catalogue, and which earlier imports it replaced (their numbers in the organization).
ALTER TABLE cost_imports
    ADD COLUMN IF NOT EXISTS warnings JSON NULL,
    ADD COLUMN IF NOT EXISTS services_added JSON NULL,
    ADD COLUMN IF NOT EXISTS replaced_imports JSON NULL;
