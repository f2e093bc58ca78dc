-- Agencies exchange signed messages, and the logs are tamper-evident (issue 11 points 2 and 5).
-- Keeps the rules of docs/scaling.md: every table declares its placement; keys of distributed
-- tables include the distribution column; no identity columns (sequence defaults).

-- The public keys of the agencies that take part in exchanges (src/domain/agencies.ts). Private
-- keys never live in the database (README "Keys"): a hosted agency's is in the key file, an
-- external agency keeps its own and gives us its public key.
create table agency_keys (
  kid text primary key,
  agency_id text not null,
  public_jwk jsonb not null,
  added_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index agency_keys_agency_idx on agency_keys (agency_id);
comment on table agency_keys is 'placement: reference
Public keys of the participating agencies (kid = RFC 7638 thumbprint), read to verify every message received.';

-- Every exchange between agencies, as evidence (the way X-Road keeps a message log): sender,
-- receiver, type, the SHA-256 of the signed payload, the detached signature, time and outcome.
-- A hash chain per province (chain_seq, prev_id, prev_hash, hash: src/modules/ledger).
create sequence message_log_id_seq;
create table message_log (
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  id bigint not null default nextval('message_log_id_seq'),
  at timestamptz not null,
  message_id uuid,
  direction text not null check (direction in ('sent', 'received')),
  sender text not null,
  receiver text not null,
  type text not null,
  payload_sha256 text not null,
  outcome text not null check (outcome in ('delivered', 'failed', 'accepted', 'refused')),
  reason text,
  dossier_id uuid,
  dossier_code text,
  in_reply_to uuid,
  signature text,
  detail jsonb not null default '{}',
  chain_seq bigint not null,
  prev_id bigint,
  prev_hash text not null,
  hash text not null,
  primary key (province_code, id)
);
alter sequence message_log_id_seq owned by message_log.id;
create unique index message_log_chain_idx on message_log (province_code, chain_seq);
create index message_log_message_idx on message_log (province_code, message_id);
comment on table message_log is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
Evidence of every exchange between agencies, in the province of the dossier it is about (''00'' for a national one or a message that could not be read); a hash chain per province.';

-- The audit log joins the chain: rows written before this migration have none (chain_seq null).
alter table audit_log add column chain_seq bigint;
alter table audit_log add column prev_id bigint;
alter table audit_log add column prev_hash text;
alter table audit_log add column hash text;
create unique index audit_log_chain_idx on audit_log (province_code, chain_seq);

-- The head of each chain (one row per province and log), locked by its full key while a row is
-- appended, so concurrent writers of one province take turns and the chain never forks.
create table ledger_heads (
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  chain text not null check (chain in ('audit_log', 'message_log')),
  seq bigint not null default 0,
  last_id bigint,
  hash text not null default repeat('0', 64),
  checkpoint_seq bigint not null default 0,
  primary key (province_code, chain)
);
comment on table ledger_heads is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
The last link of each hash chain (audit_log and message_log, per province), locked by its full key by the writer that appends.';

-- Checkpoints: the head of a chain signed with the platform's ledger key (outside the database),
-- so a chain rewritten up to a checkpoint no longer matches a signature nobody else can make.
create table ledger_checkpoints (
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  chain text not null check (chain in ('audit_log', 'message_log')),
  seq bigint not null,
  last_id bigint not null,
  hash text not null,
  at timestamptz not null,
  kid text not null,
  jws text not null,
  primary key (province_code, chain, seq)
);
comment on table ledger_checkpoints is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
Signed checkpoints of the hash chains, with the chains they seal.';

-- The citizen's access list also says which agency received which fields about them, for which
-- dossier (its code) and by which message type.
alter table access_log add column dossier_code text;
alter table access_log add column message_type text;
