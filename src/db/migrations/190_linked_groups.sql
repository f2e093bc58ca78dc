-- Issue 12 (first increments): linked procedures (Decree 63/2024/NĐ-CP).
-- Linked groups as versioned data beside the procedures: one published version per code at most;
-- a published or retired definition never changes (as procedure_versions).
create table linked_group_versions (
  code text not null check (code ~ '^[a-z][a-z0-9-]*$'),
  version integer not null check (version >= 1),
  definition jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
  created_at timestamptz not null default now(),
  created_by text not null,
  published_at timestamptz,
  published_by text,
  primary key (code, version)
);
create unique index linked_group_versions_one_published on linked_group_versions (code) where status = 'published';
comment on table linked_group_versions is 'placement: reference
Linked groups of procedures: a few versions, read with every group application.';

-- One application of a group: the group dossier. Its steps are dossiers of their own (their codes,
-- queues, roles and clocks); the group's record says which, and where each step stands in the chain.
create table linked_groups (
  province_code text not null,
  id uuid not null,
  group_code text not null,
  group_version integer not null,
  applicant_number char(12) not null,
  received_at timestamptz not null,
  due_at timestamptz not null,
  verification boolean not null default false,
  facts jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  primary key (province_code, id)
);
create index linked_groups_applicant on linked_groups (province_code, applicant_number, created_at desc);
comment on table linked_groups is 'placement: distributed by province_code colocate with dossiers
A group application lives with its member dossiers, in the province where it was filed.';

create table linked_group_steps (
  province_code text not null,
  group_id uuid not null,
  step_key text not null,
  procedure_code text not null,
  dossier_id uuid,
  state text not null check (state in ('waiting', 'started', 'done', 'failed', 'cancelled')),
  planned_due_at timestamptz not null,
  values jsonb not null default '{}'::jsonb,
  reason jsonb,
  changed_at timestamptz not null default now(),
  primary key (province_code, group_id, step_key),
  foreign key (province_code, group_id) references linked_groups (province_code, id)
);
create index linked_group_steps_dossier on linked_group_steps (province_code, dossier_id);
comment on table linked_group_steps is 'placement: distributed by province_code colocate with dossiers
The steps of a group application, one per member procedure, with its dossier once started.';
