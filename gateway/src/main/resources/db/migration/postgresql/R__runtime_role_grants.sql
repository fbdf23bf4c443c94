-- The runtime roles' table rights, re-applied after every migration run (the placeholder below changes this file's
-- checksum each time, so Flyway always runs it last): a table added by any later migration gets its grants here.
-- Run at ${flyway:timestamp}.
--
-- tsunagi_pipeline (the gateway) gets exactly what its statements need on the tables listed below. A table not
-- listed gets SELECT, INSERT, UPDATE, DELETE, except ledger_* tables: SELECT, INSERT only (ledger_pending also
-- DELETE: the integrator moves its rows into ledger_entry). Nothing gets TRUNCATE,
-- REFERENCES, TRIGGER or DDL. Roles that do not exist (embedded tests, a database without the roles script) are
-- skipped, so this file never fails a migration.
DO $$
DECLARE
  rights CONSTANT jsonb := '{
    "ledger_lock":         "SELECT, UPDATE",
    "ledger_entry":        "SELECT, INSERT",
    "ledger_node":         "SELECT, INSERT",
    "ledger_checkpoint":   "SELECT, INSERT",
    "ledger_pending":      "SELECT, INSERT, DELETE",
    "outbox_copy":         "SELECT, INSERT, UPDATE",
    "outbox_event":        "SELECT, INSERT",
    "token_replay":        "SELECT, INSERT, DELETE",
    "ingest_decision":     "SELECT, INSERT",
    "accepted_message":    "SELECT, INSERT",
    "information_request": "SELECT, INSERT",
    "sftp_delivery":       "SELECT, INSERT, UPDATE",
    "sender_receipt":      "SELECT, INSERT, UPDATE"
  }';
  t record;
  granted text;
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagi_pipeline') THEN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
                                             AND tablename <> 'flyway_schema_history' LOOP
      granted := coalesce(rights ->> t.tablename,
                          CASE WHEN t.tablename LIKE 'ledger\_%' THEN 'SELECT, INSERT'
                               ELSE 'SELECT, INSERT, UPDATE, DELETE' END);
      EXECUTE format('REVOKE ALL ON TABLE %I FROM tsunagi_pipeline', t.tablename);
      EXECUTE format('GRANT %s ON TABLE %I TO tsunagi_pipeline', granted, t.tablename);
    END LOOP;
    FOR t IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
      EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I TO tsunagi_pipeline', t.sequencename);
    END LOOP;
  END IF;
  -- A separate web tier serves checkpoints and proofs: tree nodes and checkpoints, never entry payloads in bulk.
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagi_web') THEN
    GRANT SELECT ON TABLE ledger_node, ledger_checkpoint TO tsunagi_web;
  END IF;
  -- Offline auditors read every ledger table and write nothing.
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagi_audit_reader') THEN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
                                             AND tablename LIKE 'ledger\_%' LOOP
      EXECUTE format('GRANT SELECT ON TABLE %I TO tsunagi_audit_reader', t.tablename);
    END LOOP;
  END IF;
END
$$;
