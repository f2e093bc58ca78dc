-- Citizen portal: fee payments (VietQR, demo bank callbacks), electronic results, ratings.

create table payments (
  id uuid primary key,
  dossier_id uuid not null unique references dossiers(id),
  amount integer not null check (amount > 0),
  status text not null check (status in ('unpaid', 'paid')),
  transfer_content text not null,
  bank_ref text unique,
  paid_at timestamptz,
  province_code text not null,
  created_at timestamptz not null default now()
);

-- Every callback received, valid or not: forged or replayed ones are kept as evidence.
create table payment_callbacks (
  id bigint generated always as identity primary key,
  received_at timestamptz not null default now(),
  payment_id text,
  outcome text not null,
  body text not null,
  remote text
);

create table results (
  number text primary key,
  dossier_id uuid not null unique references dossiers(id),
  holder_number char(12) not null,
  holder_name text not null,
  kind text not null,
  name_vi text not null,
  name_en text not null,
  issuer text not null,
  issued_at timestamptz not null,
  sha256 char(64) not null,
  signature text not null,
  key_id text not null,
  province_code text not null
);
create index results_sha256_idx on results (sha256);
create index results_holder_idx on results (holder_number);

create table ratings (
  dossier_id uuid primary key references dossiers(id),
  score smallint not null check (score between 1 and 5),
  comment text,
  province_code text not null,
  created_at timestamptz not null default now()
);
