-- A copy is sealed only in the delivery form(s) its recipient registered (participants.yaml delivery-form): the
-- other form's content and digest columns stay NULL. At least one form is there, and a digest goes with its form.
ALTER TABLE outbox_copy ALTER COLUMN cms DROP NOT NULL;
ALTER TABLE outbox_copy ALTER COLUMN cms_sha256 DROP NOT NULL;
ALTER TABLE outbox_copy ALTER COLUMN jose DROP NOT NULL;
ALTER TABLE outbox_copy ALTER COLUMN jose_sha256 DROP NOT NULL;
ALTER TABLE outbox_copy ADD CONSTRAINT outbox_copy_some_form CHECK (cms IS NOT NULL OR jose IS NOT NULL);
ALTER TABLE outbox_copy ADD CONSTRAINT outbox_copy_cms_digest CHECK ((cms IS NULL) = (cms_sha256 IS NULL));
ALTER TABLE outbox_copy ADD CONSTRAINT outbox_copy_jose_digest CHECK ((jose IS NULL) = (jose_sha256 IS NULL));
