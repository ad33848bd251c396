-- Lists (isms/record.c: record_list) count the live records of a type and
-- sort them by the type's default sort as (col IS NULL), col DIR, id DIR.
-- A partial index on exactly that ORDER BY over the live rows serves both
-- the page and the count without a scan or a sort. (An index on archived
-- alone would lure the planner into a search plus a sort instead.)

CREATE INDEX asset_list_default ON asset((name IS NULL), name, id) WHERE archived = 0;
CREATE INDEX control_list_default ON control((code IS NULL), code, id) WHERE archived = 0;
CREATE INDEX document_list_default ON document((title IS NULL), title, id) WHERE archived = 0;
CREATE INDEX incident_list_default ON incident((id IS NULL), id DESC, id DESC) WHERE archived = 0;
CREATE INDEX risk_list_default ON risk((inherent_score IS NULL), inherent_score DESC, id DESC) WHERE archived = 0;
CREATE INDEX supplier_list_default ON supplier((name IS NULL), name, id) WHERE archived = 0;
CREATE INDEX task_list_default ON task((due_date IS NULL), due_date, id) WHERE archived = 0;
CREATE INDEX threat_list_default ON threat((name IS NULL), name, id) WHERE archived = 0;
CREATE INDEX vulnerability_list_default ON vulnerability((name IS NULL), name, id) WHERE archived = 0;
