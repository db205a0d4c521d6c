-- Report runs (issue 4): asynchronous, idempotent report generation. A run is created together with its
-- idempotency key and its pg-boss job in ONE transaction, so a crash never leaves a run without a job or
-- two runs for one key. The audit log is append-only (LGPD): triggers refuse UPDATE, DELETE and TRUNCATE.

CREATE TABLE report_runs (
  company_id        bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  id                uuid        NOT NULL DEFAULT gen_random_uuid(),
  -- Monotonic position for cursor pagination (newest first) without timestamp precision games.
  seq               bigint      GENERATED ALWAYS AS IDENTITY,
  type              text        NOT NULL CHECK (type IN ('appointments', 'patients', 'monthly_summary')),
  format            text        NOT NULL CHECK (format IN ('csv', 'xlsx')),
  parameters        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  status            text        NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled', 'expired')),
  attempts          integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  job_id            uuid        NOT NULL,
  request_id        text,
  created_by        bigint,
  created_at        timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  finished_at       timestamptz,
  canceled_at       timestamptz,
  expired_at        timestamptz,
  expires_at        timestamptz,
  -- Claim held by the worker attempt that runs the report; a lease that is not renewed is stale.
  lease_owner       text,
  lease_expires_at  timestamptz,
  error_code        text,
  error_message     text,
  storage_key       text,
  file_name         text,
  content_type      text,
  row_count         bigint CHECK (row_count >= 0),
  byte_size         bigint CHECK (byte_size >= 0),
  sha256            text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  columns           text[],
  PRIMARY KEY (company_id, id),
  CHECK (status <> 'succeeded' OR (storage_key IS NOT NULL AND sha256 IS NOT NULL AND finished_at IS NOT NULL)),
  CHECK (status <> 'failed' OR (error_code IS NOT NULL AND finished_at IS NOT NULL)),
  CHECK (status <> 'canceled' OR canceled_at IS NOT NULL),
  CHECK (status <> 'expired' OR expired_at IS NOT NULL)
);
CREATE INDEX report_runs_company_seq_idx ON report_runs (company_id, seq DESC);
CREATE INDEX report_runs_company_status_seq_idx ON report_runs (company_id, status, seq DESC);
CREATE INDEX report_runs_expiry_idx ON report_runs (expires_at) WHERE status = 'succeeded';
CREATE INDEX report_runs_lease_idx ON report_runs (lease_expires_at) WHERE status IN ('queued', 'running');

-- Idempotency-Key per company, kept at least 24 h (expires_at), pointing at the run it created.
CREATE TABLE idempotency_keys (
  company_id    bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash  text        NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  run_id        uuid        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (company_id, key),
  FOREIGN KEY (company_id, run_id) REFERENCES report_runs (company_id, id) ON DELETE CASCADE
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

-- Append-only audit log of access to personal data. No foreign key to companies on purpose: the trail
-- outlives the rows it talks about, and a cascading delete would be refused by the triggers below.
CREATE TABLE audit_events (
  company_id     bigint      NOT NULL,
  id             bigint      GENERATED ALWAYS AS IDENTITY,
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  action         text        NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
  actor_token_id bigint,
  actor_role     text        NOT NULL,
  resource_type  text        NOT NULL,
  resource_id    text        NOT NULL,
  request_id     text,
  client_address text,
  details        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (company_id, id)
);
CREATE INDEX audit_events_company_resource_idx ON audit_events (company_id, resource_id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
