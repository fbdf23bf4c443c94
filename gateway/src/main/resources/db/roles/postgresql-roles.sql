-- Least-privilege PostgreSQL roles for Tsunagi (docs/ledger-database-roles.md explains each one).
--
-- Run ONCE by a database administrator, BEFORE the gateway's first start, connected to the gateway's database
-- (create it first: CREATE DATABASE tsunagi OWNER tsunagi_owner;, after the roles below exist, or run this script
-- twice). It is not a Flyway migration, because creating roles needs rights that no gateway process may hold.
-- It is idempotent. Replace the passwords (or use client certificates, see README "Running in production").
--
-- The table grants are NOT here: the repeatable migration R__runtime_role_grants.sql re-applies them after every
-- Flyway run, so that a table added by a later migration gets its grants without anyone editing this script.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagi_owner') THEN
    CREATE ROLE tsunagi_owner NOLOGIN;                      -- owns the schema and every table
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagi_migrator') THEN
    -- Flyway connects as it and runs SET ROLE tsunagi_owner (spring.flyway.init-sqls), so tables belong to the owner.
    CREATE ROLE tsunagi_migrator LOGIN PASSWORD 'change-me' IN ROLE tsunagi_owner;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagi_pipeline') THEN
    CREATE ROLE tsunagi_pipeline LOGIN PASSWORD 'change-me';  -- the running gateway instances
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagi_web') THEN
    CREATE ROLE tsunagi_web LOGIN PASSWORD 'change-me';       -- a separate web tier, if one is split off
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagi_audit_reader') THEN
    CREATE ROLE tsunagi_audit_reader LOGIN PASSWORD 'change-me';  -- offline auditors reading the raw tables
  END IF;
END
$$;

-- Only the owner creates objects; the others may only use what the owner grants them.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO tsunagi_owner;
GRANT USAGE ON SCHEMA public TO tsunagi_pipeline, tsunagi_web, tsunagi_audit_reader;
