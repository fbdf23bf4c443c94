-- The copy an entry is about, derived from the hashed entry like every search column (V40): recipients look up the
-- entries of their own copies to fetch inclusion proofs (GET /api/v1/audit/proofs/copies/{id}).
ALTER TABLE ledger_entry ADD COLUMN copy_id VARCHAR(512) GENERATED ALWAYS AS (ledger_entry_text(entry_json, 'copyId'));
CREATE INDEX ledger_entry_copy ON ledger_entry (copy_id);
