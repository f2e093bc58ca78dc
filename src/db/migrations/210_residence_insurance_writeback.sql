-- Issue 11 point 3: residence registrations and health-insurance cards written back to their
-- registries (src/modules/exchange/registry-writeback.ts), applied idempotently with provenance.

-- The residence registry's history: each registration or deregistration a signed message applied
-- (which dossier, which result, which message, as of when). Filed under the person, next to the
-- record it changed; one row per message and person, so a redelivered message adds nothing.
create sequence residence_records_id_seq;
create table residence_records (
  personal_number char(12) not null,
  id bigint not null default nextval('residence_records_id_seq'),
  kind text not null check (kind in ('permanent', 'temporary')),
  event text not null check (event in ('registered', 'ended')),
  commune_code text not null,
  address text,
  household_id text,
  relationship_to_head text,
  until date,
  ended_on date,
  reason text,
  message_id uuid not null,
  dossier_code text,
  result_number text,
  applied_at timestamptz not null,
  primary key (personal_number, id),
  unique (personal_number, message_id)
);
comment on table residence_records is 'placement: distributed by personal_number colocate with persons
Residence registrations and deregistrations as applied to the registry, with provenance.';

-- A household's head chosen by rule when the head left (src/domain/household-head.ts): since when,
-- and on which basis, until the members declare their own choice.
alter table households add column head_since timestamptz;
alter table households add column head_basis text;

-- Provenance of a card the insurance registry received from a dossier's result.
alter table health_insurance_cards add column provenance jsonb;
