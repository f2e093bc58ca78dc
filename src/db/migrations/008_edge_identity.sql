-- Keys leave the database; sign-in state the server controls; demo SMS apart from real data.

-- Keys now live in the key file or the environment (src/lib/secrets.ts); the server copies any
-- left here into the key file before this migration runs.
drop table if exists app_secrets;

-- The OpenID Connect provider's state (interactions, sessions, grants, codes) in the database:
-- one client cannot evict other people's sign-ins, and several processes share it.
create table oidc_payloads (
  model text not null,
  id text not null,
  payload jsonb not null,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  primary key (model, id)
);
create index oidc_payloads_grant_idx on oidc_payloads (grant_id) where grant_id is not null;
create index oidc_payloads_uid_idx on oidc_payloads (model, uid) where uid is not null;
create index oidc_payloads_user_code_idx on oidc_payloads (model, user_code) where user_code is not null;
create index oidc_payloads_expires_idx on oidc_payloads (expires_at);

-- Web sessions: the cookie names a row; signing out ends the row, so a copied cookie stops working.
create table web_sessions (
  id_hash text primary key,
  account_id text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  provider_session text,
  provider_grant text
);
create index web_sessions_expires_idx on web_sessions (expires_at);

-- Demo only (never written with DEMO off): the SMS a demo phone shows, one-time codes included.
create table demo_sms (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  personal_number char(12) not null,
  phone text not null,
  commune_code text,
  province_code text,
  text_vi text not null,
  text_en text not null
);
create index demo_sms_person_idx on demo_sms (personal_number, id desc);
create index demo_sms_commune_idx on demo_sms (commune_code, id desc);

-- One-time codes sent, to limit resends per citizen and per agent.
create table otp_sends (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  dossier_id uuid not null references dossiers(id),
  applicant_number char(12) not null,
  agent_id text not null
);
create index otp_sends_applicant_idx on otp_sends (applicant_number, at);
create index otp_sends_agent_idx on otp_sends (agent_id, at);

-- Officer usernames never look like a personal number (a citizen's account id): at least one letter.
alter table officers add constraint officers_username_has_letter check (username ~ '[a-z]') not valid;
