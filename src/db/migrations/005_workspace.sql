-- Officer workspace: who holds a dossier, and one-time codes for filing on a citizen's behalf.
alter table dossiers add column assignee text;
create index dossiers_assignee_idx on dossiers (assignee) where assignee is not null;
create index dossiers_finished_idx on dossiers (province_code, finished_at) where finished_at is not null;

create table otp_challenges (
  dossier_id uuid primary key references dossiers(id),
  code_hash text not null,
  phone text not null,
  attempts integer not null default 0,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
