-- Issue 11 point 3, "corrections reach the owner": a citizen's correction request becomes a signed
-- message to the registry's owning agency (src/modules/corrections), whose officers accept it (the
-- registry changes, with a history row) or reject it with a reason the citizen reads.

-- The citizen's side (in the dossier's province): the person attribute the field shows, and the
-- owner's decision as its answer brought it back.
alter table correction_requests add column attribute text;
alter table correction_requests add column decided_at timestamptz;
alter table correction_requests add column decision_reason text;
alter table correction_requests add column applied_value text;
alter table correction_requests add constraint correction_requests_status_check
  check (status in ('open', 'accepted', 'rejected'));

-- The owner's side (in the province of the office that owns the data): what the request message
-- brought, and the decision. One case per request message.
create sequence correction_cases_id_seq;
create table correction_cases (
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  id bigint not null default nextval('correction_cases_id_seq'),
  message_id uuid not null,
  owner_agency text not null,
  owner_unit text not null,
  request_province text not null,
  request_id bigint not null,
  dossier_id uuid not null,
  dossier_code text,
  subject_number char(12) not null,
  registry text not null,
  attribute text not null,
  field_key text not null,
  current_value text,
  proposed_value text not null,
  note text,
  status text not null default 'open' check (status in ('open', 'accepted', 'rejected')),
  received_at timestamptz not null,
  decided_by text,
  decided_by_name text,
  decided_at timestamptz,
  reason text,
  applied_value text,
  primary key (province_code, id),
  unique (province_code, message_id)
);
create index correction_cases_office_idx
  on correction_cases (province_code, owner_agency, owner_unit, status, received_at);
comment on table correction_cases is 'placement: distributed by province_code colocate with dossiers
Correction requests as their owning office received them, in that office''s province: its officers'' queue.';

-- Provenance of every registry value a correction changed: which correction, which officer, as of
-- when, the old and the new value. Filed under the person, next to the record it changed.
create sequence registry_corrections_id_seq;
create table registry_corrections (
  personal_number char(12) not null,
  id bigint not null default nextval('registry_corrections_id_seq'),
  registry text not null,
  attribute text not null,
  old_value text,
  new_value text not null,
  case_province text not null,
  case_id bigint not null,
  correction_id text not null,
  decided_by text not null,
  applied_at timestamptz not null,
  primary key (personal_number, id)
);
comment on table registry_corrections is 'placement: distributed by personal_number colocate with persons
The history of registry values changed by an accepted correction (old, new, which correction, which officer, when).';

-- An open dossier that reused a value a correction has since changed: its officer sees old → new.
create table dossier_registry_alerts (
  province_code text not null,
  dossier_id uuid not null,
  correction_id text not null,
  field_key text not null,
  attribute text not null,
  old_value text,
  new_value text not null,
  created_at timestamptz not null,
  primary key (province_code, dossier_id, correction_id, field_key),
  foreign key (province_code, dossier_id) references dossiers (province_code, id)
);
comment on table dossier_registry_alerts is 'placement: distributed by province_code colocate with dossiers
Open dossiers whose prefilled value a later accepted correction changed: shown to their officer.';
