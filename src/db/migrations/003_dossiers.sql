-- Dossiers: an append-only action log plus a projection row, the outbox, per-agency daily
-- sequences for dossier codes, idempotency keys, uploaded files and correction requests.

create table agency_sequences (
  agency_code text not null,
  day date not null,
  last_seq integer not null,
  primary key (agency_code, day)
);

create table dossiers (
  id uuid primary key,
  code text unique,
  procedure_code text not null,
  procedure_version integer not null,
  province_code text not null references provinces(code),
  commune_code text references communes(code),
  agency_code text not null,
  applicant_number char(12) not null,
  created_by_kind text not null,
  created_by text not null,
  channel text not null check (channel in ('online', 'online_on_behalf', 'counter')),
  status text not null,
  form jsonb not null default '{}',
  prefill jsonb not null default '{}',
  components jsonb not null default '{}',
  fields_total integer not null default 0,
  fields_prefilled integer not null default 0,
  fields_typed integer not null default 0,
  components_replaced integer not null default 0,
  fee_amount integer not null default 0,
  submitted_at timestamptz,
  received_at timestamptz,
  due_at timestamptz,
  finished_at timestamptz,
  supplement_requests integer not null default 0,
  last_seq integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dossiers_queue_idx on dossiers (province_code, commune_code, status, due_at);
create index dossiers_applicant_idx on dossiers (applicant_number, created_at desc);
create index dossiers_procedure_idx on dossiers (procedure_code, status);

create table dossier_actions (
  dossier_id uuid not null references dossiers(id),
  seq integer not null,
  at timestamptz not null,
  action text not null,
  actor_kind text not null,
  actor_id text not null,
  actor_role text not null,
  channel text not null,
  reason text,
  payload jsonb not null default '{}',
  province_code text not null,
  primary key (dossier_id, seq)
);

create table outbox (
  id bigint generated always as identity primary key,
  topic text not null,
  key text not null,
  payload jsonb not null,
  province_code text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index outbox_pending_idx on outbox (id) where delivered_at is null;

create table idempotency_keys (
  actor_id text not null,
  key text not null,
  request_hash text not null,
  dossier_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (actor_id, key)
);

create table dossier_files (
  dossier_id uuid not null references dossiers(id),
  component_key text not null,
  sha256 char(64) not null,
  filename text not null,
  mime text not null,
  size_bytes integer not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now(),
  province_code text not null,
  primary key (dossier_id, component_key, sha256)
);

create table correction_requests (
  id bigint generated always as identity primary key,
  dossier_id uuid not null references dossiers(id),
  subject_number char(12),
  field_key text not null,
  registry text not null,
  registry_value text,
  claimed_value text,
  note text,
  status text not null default 'open',
  filed_by text not null,
  province_code text not null,
  created_at timestamptz not null default now()
);
create index correction_requests_dossier_idx on correction_requests (dossier_id);

-- Prefill looks up unregistered birth notices by either parent.
create index birth_notices_father_idx on birth_notices (father_number) where father_number is not null;
