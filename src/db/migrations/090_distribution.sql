-- A schema that distributes on Citus (issue 10, docs/scaling.md). One province runs on one
-- PostgreSQL server; the country runs on this same schema distributed by Citus. Every table
-- declares its placement in its comment, first line, in this grammar (src/db/placement.ts):
--   placement: reference
--   placement: coordinator
--   placement: distributed by <column> [colocate with <table>] [sentinel '<value>']
-- `npm run citus:distribute` reads the declarations and distributes a fresh Citus database;
-- test/distribution.test.ts checks the catalogue against them on PGlite and PostgreSQL.
--
-- The rules this migration brings the schema to: every primary key, unique constraint and
-- foreign key of a distributed table includes its distribution column; distribution columns are
-- NOT NULL (national rows use the declared sentinel province '00'); distributed and reference
-- tables have no identity columns (a sequence default instead: Citus refuses ALTER COLUMN and
-- alter_distributed_table on identity columns); no reference or coordinator table points into a
-- distributed one.

-- 1. Identity columns become sequence defaults (same values, same order).
do $$
declare t text;
begin
  foreach t in array array['civil_status_records', 'access_log', 'audit_log', 'outbox', 'correction_requests',
                           'payment_callbacks', 'otp_sends'] loop
    execute format('alter table %I alter column id drop identity', t);
    execute format('create sequence %I owned by %I.id', t || '_id_seq', t);
    execute format('select setval(%L, coalesce(max(id), 0) + 1, false) from %I', t || '_id_seq', t);
    execute format('alter table %I alter column id set default nextval(%L)', t, t || '_id_seq');
  end loop;
end $$;

-- 2. Every locality row names its province. Rows of no province (a callback for an unknown
-- payment, a refused attempt by a citizen, an outbox row written before this migration) take the
-- declared sentinel '00', which is no province code.
update outbox set province_code = '00' where province_code is null;
alter table outbox alter column province_code set not null;
alter table outbox add constraint outbox_province_code_check check (province_code ~ '^[0-9]{2}$');

alter table audit_log alter column province_code set default '00';
update audit_log set province_code = '00' where province_code is null;
alter table audit_log alter column province_code set not null;
alter table audit_log add constraint audit_log_province_code_check check (province_code ~ '^[0-9]{2}$');

alter table payment_callbacks add column province_code text not null default '00'
  check (province_code ~ '^[0-9]{2}$');
update payment_callbacks c set province_code = p.province_code from payments p where p.id::text = c.payment_id;

alter table idempotency_keys add column province_code text;
update idempotency_keys k set province_code = d.province_code from dossiers d where d.id = k.dossier_id;
delete from idempotency_keys where province_code is null;
alter table idempotency_keys alter column province_code set not null;

-- The agency code ends with the province (UB.20194.H48).
alter table agency_sequences add column province_code text;
update agency_sequences set province_code = coalesce(substring(agency_code from '\.H([0-9]{2})$'), '00');
alter table agency_sequences alter column province_code set not null;

alter table otp_challenges add column province_code text;
update otp_challenges o set province_code = d.province_code from dossiers d where d.id = o.dossier_id;
alter table otp_challenges alter column province_code set not null;

alter table otp_sends add column province_code text;
update otp_sends o set province_code = d.province_code from dossiers d where d.id = o.dossier_id;
alter table otp_sends alter column province_code set not null;

-- 3. Keys of the dossiers group include province_code: a dossier is (province_code, id).
alter table dossier_actions drop constraint dossier_actions_dossier_id_fkey;
alter table dossier_files drop constraint dossier_files_dossier_id_fkey;
alter table correction_requests drop constraint correction_requests_dossier_id_fkey;
alter table payments drop constraint payments_dossier_id_fkey;
alter table results drop constraint results_dossier_id_fkey;
alter table ratings drop constraint ratings_dossier_id_fkey;
alter table otp_challenges drop constraint otp_challenges_dossier_id_fkey;
alter table otp_sends drop constraint otp_sends_dossier_id_fkey;

-- bank_transfers (migration 050 of the money work, merged separately) points at payments(id) and
-- dossiers(id): when it exists, its keys are re-made with the province below.
do $$ begin
  if to_regclass('bank_transfers') is not null then
    alter table bank_transfers drop constraint if exists bank_transfers_payment_id_fkey;
    alter table bank_transfers drop constraint if exists bank_transfers_dossier_id_fkey;
  end if;
end $$;

alter table dossiers drop constraint dossiers_pkey;
alter table dossiers add primary key (province_code, id);
alter table dossiers drop constraint dossiers_code_key;
alter table dossiers add constraint dossiers_code_key unique (province_code, code);
-- One life event, one registration (migration 060): the guarantee is per province now; the
-- national check is the query in src/modules/dossiers/life-event.ts (docs/scaling.md).
drop index dossiers_life_event_key;
create unique index dossiers_life_event_key on dossiers (province_code, procedure_code, life_event_key)
  where life_event_key is not null and status not in ('draft', 'withdrawn', 'rejected', 'refused');

alter table dossier_actions drop constraint dossier_actions_pkey;
alter table dossier_actions add primary key (province_code, dossier_id, seq);
alter table dossier_actions add constraint dossier_actions_dossier_fkey
  foreign key (province_code, dossier_id) references dossiers (province_code, id);

alter table dossier_files drop constraint dossier_files_pkey;
alter table dossier_files add primary key (province_code, dossier_id, component_key, sha256);
alter table dossier_files add constraint dossier_files_dossier_fkey
  foreign key (province_code, dossier_id) references dossiers (province_code, id);

alter table correction_requests drop constraint correction_requests_pkey;
alter table correction_requests add primary key (province_code, id);
alter table correction_requests add constraint correction_requests_dossier_fkey
  foreign key (province_code, dossier_id) references dossiers (province_code, id);
drop index correction_requests_dossier_idx;
create index correction_requests_dossier_idx on correction_requests (province_code, dossier_id);

alter table payments drop constraint payments_pkey;
alter table payments add primary key (province_code, id);
alter table payments drop constraint payments_dossier_id_key;
alter table payments add constraint payments_dossier_id_key unique (province_code, dossier_id);
alter table payments drop constraint payments_bank_ref_key;
alter table payments add constraint payments_bank_ref_key unique (province_code, bank_ref);
alter table payments add constraint payments_dossier_fkey
  foreign key (province_code, dossier_id) references dossiers (province_code, id);

alter table results drop constraint results_pkey;
alter table results add primary key (province_code, number);
alter table results drop constraint results_dossier_id_key;
alter table results add constraint results_dossier_id_key unique (province_code, dossier_id);
alter table results add constraint results_dossier_fkey
  foreign key (province_code, dossier_id) references dossiers (province_code, id);

alter table ratings drop constraint ratings_pkey;
alter table ratings add primary key (province_code, dossier_id);
alter table ratings add constraint ratings_dossier_fkey
  foreign key (province_code, dossier_id) references dossiers (province_code, id);

alter table otp_challenges drop constraint otp_challenges_pkey;
alter table otp_challenges add primary key (province_code, dossier_id);
alter table otp_challenges add constraint otp_challenges_dossier_fkey
  foreign key (province_code, dossier_id) references dossiers (province_code, id);

alter table otp_sends drop constraint otp_sends_pkey;
alter table otp_sends add primary key (province_code, id);
alter table otp_sends add constraint otp_sends_dossier_fkey
  foreign key (province_code, dossier_id) references dossiers (province_code, id);

do $$ begin
  if to_regclass('bank_transfers') is not null then
    alter table bank_transfers drop constraint bank_transfers_pkey;
    alter table bank_transfers add primary key (province_code, id);
    alter table bank_transfers drop constraint if exists bank_transfers_bank_ref_key;
    alter table bank_transfers add constraint bank_transfers_bank_ref_key unique (province_code, bank_ref);
    alter table bank_transfers add constraint bank_transfers_payment_fkey
      foreign key (province_code, payment_id) references payments (province_code, id);
    alter table bank_transfers add constraint bank_transfers_dossier_fkey
      foreign key (province_code, dossier_id) references dossiers (province_code, id);
    comment on table bank_transfers is 'placement: distributed by province_code colocate with dossiers
Bank transfers to a payment request, with the payment''s province.';
  end if;
end $$;

alter table outbox drop constraint outbox_pkey;
alter table outbox add primary key (province_code, id);

alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (province_code, actor_id, key);

alter table agency_sequences drop constraint agency_sequences_pkey;
alter table agency_sequences add primary key (province_code, agency_code, day);

alter table audit_log drop constraint audit_log_pkey;
alter table audit_log add primary key (province_code, id);

alter table payment_callbacks drop constraint payment_callbacks_pkey;
alter table payment_callbacks add primary key (province_code, id);

-- 4. The national registries are keyed by person. A fact about two persons is filed under each:
-- a marriage record under both spouses, a birth notice under each known parent, so that "the
-- records of this person" is one shard. A household is a record of its own that lists its members.
alter table persons drop constraint persons_household_id_fkey;

alter table civil_status_records add column personal_number char(12);
update civil_status_records set personal_number = subject_number;
insert into civil_status_records (kind, registration_number, registered_on, province_code, commune_code,
    subject_number, spouse_number, details, personal_number)
  select kind, registration_number, registered_on, province_code, commune_code, subject_number, spouse_number,
    details, spouse_number
  from civil_status_records where spouse_number is not null and spouse_number <> subject_number;
alter table civil_status_records alter column personal_number set not null;
alter table civil_status_records drop constraint civil_status_records_pkey;
alter table civil_status_records add primary key (personal_number, id);
alter table civil_status_records drop constraint civil_status_records_registration_number_key;
alter table civil_status_records add constraint civil_status_records_registration_number_key
  unique (personal_number, registration_number);

alter table health_insurance_cards drop constraint health_insurance_cards_pkey;
alter table health_insurance_cards add primary key (personal_number, card_number);

alter table allowances drop constraint allowances_pkey;
alter table allowances add primary key (personal_number, id);

alter table birth_notices add column personal_number char(12);
update birth_notices set personal_number = mother_number;
insert into birth_notices (id, province_code, commune_code, mother_number, father_number, child_sex, birth_at,
    weight_grams, facility, registered, personal_number)
  select id, province_code, commune_code, mother_number, father_number, child_sex, birth_at, weight_grams,
    facility, registered, father_number
  from birth_notices where father_number is not null and father_number <> mother_number;
alter table birth_notices alter column personal_number set not null;
alter table birth_notices drop constraint birth_notices_pkey;
alter table birth_notices add primary key (personal_number, id);

-- A death notice is filed under the household of the deceased: the relatives who register the
-- death find it with their household record, on the household's shard.
alter table death_notices add column household_id text;
update death_notices n set household_id = p.household_id from persons p where p.personal_number = n.person_number;
update death_notices set household_id = 'none:' || person_number where household_id is null;
alter table death_notices alter column household_id set not null;
alter table death_notices drop constraint death_notices_pkey;
alter table death_notices add primary key (household_id, id);

alter table access_log drop constraint access_log_pkey;
alter table access_log add primary key (subject_number, id);

alter table households add column member_numbers char(12)[] not null default '{}';
update households h set member_numbers = array(
  select p.personal_number from persons p where p.household_id = h.id
  order by (p.relationship_to_head = 'chủ hộ') desc, p.birth_date, p.personal_number);

-- The results issued to a person, filed under the person: a later dossier of theirs reuses them
-- (prefill) by reading the applicant's shard, not every province's dossiers. Written by the
-- dossiers module in the transaction that issues the result.
create table applicant_results (
  applicant_number char(12) not null,
  procedure_code text not null,
  dossier_code text not null,
  province_code text not null,
  dossier_id uuid not null,
  issued_at timestamptz not null,
  primary key (applicant_number, province_code, dossier_id)
);
insert into applicant_results (applicant_number, procedure_code, dossier_code, province_code, dossier_id, issued_at)
  select applicant_number, procedure_code, code, province_code, id, coalesce(decided_at, finished_at, updated_at)
  from dossiers where status in ('result_issued', 'result_returned') and code is not null;

-- 5. Placements.
comment on table dossiers is 'placement: distributed by province_code
A dossier belongs to the province whose commune or agency handles it; it is addressed by (province_code, id) (its id carries the province: src/kernel/locality.ts) or by its code, which contains the province.';
comment on table dossier_actions is 'placement: distributed by province_code colocate with dossiers
The dossier''s append-only log, read and appended with the dossier in one shard.';
comment on table dossier_files is 'placement: distributed by province_code colocate with dossiers
Uploaded components of a dossier.';
comment on table correction_requests is 'placement: distributed by province_code colocate with dossiers
"This is wrong" requests filed from a dossier.';
comment on table payments is 'placement: distributed by province_code colocate with dossiers
The payment request of a dossier; its id carries the province like a dossier''s.';
comment on table payment_callbacks is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
Every bank callback, with the province of its payment; a callback for no known payment is kept under ''00''.';
comment on table results is 'placement: distributed by province_code colocate with dossiers
Electronic results; the number (KQ-<dossier code>) contains the province.';
comment on table ratings is 'placement: distributed by province_code colocate with dossiers
The citizen''s rating of a finished dossier.';
comment on table otp_challenges is 'placement: distributed by province_code colocate with dossiers
The one-time code of a dossier filed on a citizen''s behalf.';
comment on table otp_sends is 'placement: distributed by province_code colocate with dossiers
One-time codes sent; resend limits count within the dossier''s province.';
comment on table outbox is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
Messages written in the transaction of a dossier change; rows from before migration 090 without a province are under ''00''.';
comment on table idempotency_keys is 'placement: distributed by province_code colocate with dossiers
Replay protection of a dossier operation, claimed in the dossier''s shard.';
comment on table agency_sequences is 'placement: distributed by province_code colocate with dossiers
Daily dossier-code sequences of an agency; the agency code ends with its province.';
comment on table audit_log is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
Actions and refused attempts. A row about a dossier or a place carries its province; a national row (a refused sign-in, a catalogue change, a citizen''s refused read) the sentinel ''00''. Distributed rather than kept on the coordinator so that writes scale with the workers and a province''s audit is one shard.';

comment on table persons is 'placement: distributed by personal_number
The population registry is national and keyed by person: sign-in and prefill find a person by personal number, on one shard.';
comment on table civil_status_records is 'placement: distributed by personal_number colocate with persons
Civil-status records filed under each person they concern (a marriage under both spouses).';
comment on table health_insurance_cards is 'placement: distributed by personal_number colocate with persons
Health-insurance cards of a person.';
comment on table allowances is 'placement: distributed by personal_number colocate with persons
Social allowances of a person.';
comment on table birth_notices is 'placement: distributed by personal_number colocate with persons
Birth notices (giấy chứng sinh) filed under each known parent: a parent''s prefill finds the newborn on the parent''s shard.';
comment on table death_notices is 'placement: distributed by household_id colocate with households
Death notices (giấy báo tử) filed under the household of the deceased (''none:<number>'' for a person of no household): a relative''s prefill reads them with the household record, on its shard.';
comment on table access_log is 'placement: distributed by subject_number colocate with persons
The citizen''s access list: written next to the registry read it records and read by the citizen, on the subject''s shard.';
comment on table applicant_results is 'placement: distributed by applicant_number colocate with persons
Results issued to a person (procedure, dossier code and province), filed under the person: prefill reuses them from the applicant''s shard.';
comment on table households is 'placement: distributed by id
A household record lists its members (member_numbers); its members'' own rows live on their shards by personal number. Neither locality data (no dossier joins it) nor one person''s, so a group of its own, with the death notices filed under it.';

comment on table provinces is 'placement: reference
34 rows, joined by every table that names a province.';
comment on table communes is 'placement: reference
3,321 rows, joined by the registries, the queue and documents.';
comment on table procedure_versions is 'placement: reference
The catalogue: a few hundred versions, read by every dossier action and joined by the queue.';
comment on table officers is 'placement: reference
Officer accounts and jurisdictions, read on every officer request.';
comment on table api_clients is 'placement: reference
Machine clients and the officer they act as.';

comment on table schema_migrations is 'placement: coordinator
The migrator''s bookkeeping.';
comment on table seed_runs is 'placement: coordinator
Progress of demo seeding runs.';
comment on table oidc_payloads is 'placement: coordinator
The demo OpenID provider''s state (DEMO only): a real deployment uses an external provider.';
comment on table web_sessions is 'placement: coordinator
Server-side web sessions, one row read per request by its hash; small and short-lived.';
comment on table demo_sms is 'placement: coordinator
The demo phone''s messages (DEMO only).';
