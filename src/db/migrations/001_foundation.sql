-- Foundation schema: administrative units, base registries, identity, access and audit logs.
-- Written for PostgreSQL 15; runs unchanged on embedded PGlite.
-- Every row that belongs to a locality carries province_code (future distribution key).

create table app_secrets (
  name text primary key,
  value jsonb not null,
  created_at timestamptz not null default now()
);

-- Administrative units (from 2025-07-01): 34 provinces, 3,321 communes.
create table provinces (
  code text primary key check (code ~ '^[0-9]{2}$'),
  name text not null,
  name_en text not null,
  full_name text not null,
  full_name_en text not null,
  unit_type text not null,
  search_text text not null
);

create table communes (
  code text primary key check (code ~ '^[0-9]{5}$'),
  province_code text not null references provinces(code),
  name text not null,
  name_en text not null,
  full_name text not null,
  full_name_en text not null,
  unit_type text not null check (unit_type in ('xa', 'phuong', 'dac_khu')),
  search_text text not null
);
create index communes_province_idx on communes (province_code, code);

-- Population registry.
create table households (
  id text primary key,
  province_code text not null references provinces(code),
  commune_code text not null references communes(code),
  address text not null,
  head_number char(12) not null,
  created_at timestamptz not null default now()
);
create index households_commune_idx on households (commune_code);

create table persons (
  personal_number char(12) primary key check (personal_number ~ '^[0-9]{12}$'),
  province_code text not null references provinces(code),
  full_name text not null,
  search_name text not null,
  birth_date date not null,
  sex char(1) not null check (sex in ('M', 'F')),
  ethnicity text not null,
  nationality text not null default 'VN',
  religion text,
  birth_registration_commune text references communes(code),
  birth_registration_old_province char(3) not null,
  father_number char(12),
  mother_number char(12),
  permanent_commune_code text not null references communes(code),
  permanent_address text not null,
  temporary_commune_code text references communes(code),
  temporary_address text,
  household_id text references households(id),
  relationship_to_head text,
  phone text,
  email text,
  deceased_on date,
  updated_at timestamptz not null default now()
);
create index persons_permanent_commune_idx on persons (permanent_commune_code);
create index persons_temporary_commune_idx on persons (temporary_commune_code) where temporary_commune_code is not null;
create index persons_household_idx on persons (household_id);
create index persons_mother_idx on persons (mother_number) where mother_number is not null;
create index persons_father_idx on persons (father_number) where father_number is not null;
create index persons_province_name_idx on persons (province_code, search_name);

-- Civil status (justice): birth, marriage and death registrations.
create table civil_status_records (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('birth', 'marriage', 'death')),
  registration_number text not null unique,
  registered_on date not null,
  province_code text not null references provinces(code),
  commune_code text not null references communes(code),
  subject_number char(12) not null,
  spouse_number char(12),
  details jsonb not null default '{}'
);
create index civil_status_subject_idx on civil_status_records (subject_number);
create index civil_status_spouse_idx on civil_status_records (spouse_number) where spouse_number is not null;
create index civil_status_commune_idx on civil_status_records (commune_code, kind);

-- Facts from health facilities not yet registered: birth notices (giấy chứng sinh) for
-- newborns without a birth registration, death notices (giấy báo tử) for recent deaths.
create table birth_notices (
  id text primary key,
  province_code text not null references provinces(code),
  commune_code text not null references communes(code),
  mother_number char(12) not null,
  father_number char(12),
  child_sex char(1) not null check (child_sex in ('M', 'F')),
  birth_at timestamptz not null,
  weight_grams integer,
  facility text not null,
  registered boolean not null default false
);
create index birth_notices_mother_idx on birth_notices (mother_number);

create table death_notices (
  id text primary key,
  province_code text not null references provinces(code),
  commune_code text not null references communes(code),
  person_number char(12) not null,
  died_at timestamptz not null,
  place text not null,
  cause text,
  registered boolean not null default false
);
create index death_notices_person_idx on death_notices (person_number);

-- Social security: health-insurance cards.
create table health_insurance_cards (
  card_number text primary key,
  province_code text not null references provinces(code),
  personal_number char(12) not null,
  beneficiary_group text not null,
  benefit_level smallint not null check (benefit_level between 1 and 5),
  primary_facility text not null,
  valid_from date not null,
  valid_to date not null
);
create index hi_cards_person_idx on health_insurance_cards (personal_number);

-- Labour and social affairs: social allowances.
create table allowances (
  id text primary key,
  province_code text not null references provinces(code),
  commune_code text not null references communes(code),
  personal_number char(12) not null,
  kind text not null,
  monthly_amount integer not null check (monthly_amount >= 0),
  since date not null,
  until date
);
create index allowances_person_idx on allowances (personal_number);

-- Officers and their jurisdiction (a commune, a province or the country).
create table officers (
  username text primary key,
  full_name text not null,
  role text not null check (role in ('receiver', 'specialist', 'approver', 'agency_officer',
    'agent', 'province_leader', 'national_viewer', 'admin')),
  jurisdiction_level text not null check (jurisdiction_level in ('commune', 'province', 'country')),
  jurisdiction_code text,
  province_code text references provinces(code),
  agency text,
  active boolean not null default true,
  check ((jurisdiction_level = 'country') = (jurisdiction_code is null))
);

-- Machine clients (client-credentials bearer tokens) with the officer identity they act as.
create table api_clients (
  client_id text primary key,
  secret_hash text not null,
  acts_as text not null references officers(username),
  created_at timestamptz not null default now()
);

-- Every read of personal data: who, why, which fields, on what legal basis.
create table access_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  subject_number char(12) not null,
  province_code text,
  actor_kind text not null,
  actor_id text not null,
  actor_role text,
  actor_name text,
  purpose text not null,
  legal_basis text not null,
  resource text not null,
  fields text[] not null
);
create index access_log_subject_idx on access_log (subject_number, at desc);

-- Audit of actions and denied attempts.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_kind text not null,
  actor_id text,
  action text not null,
  outcome text not null check (outcome in ('allowed', 'denied', 'error')),
  resource text,
  province_code text,
  request_id text,
  detail jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);

-- Resumable demo seeding: one row per run, progress advanced in the same transaction as data.
create table seed_runs (
  id text primary key,
  params jsonb not null,
  batches_total integer not null,
  batches_done integer not null default 0,
  persons_done integer not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
