-- Issue 13: a citizen's feedback or complaint on their dossier ("phản ánh, kiến nghị") and the
-- officer's answer (src/domain/complaints.ts, src/modules/dossiers/complaints.ts). One row a
-- complaint; each is also an action of the dossier's log (`complain`, `answer_complaint`), from
-- which the KPI facts are computed. Due: 15 working days from its receipt (`due_at`).
create table dossier_complaints (
  province_code text not null,
  id uuid not null,
  dossier_id uuid not null,
  text text not null,
  created_at timestamptz not null,
  due_at timestamptz not null,
  answer text,
  answered_at timestamptz,
  answered_by text,
  primary key (province_code, id),
  constraint dossier_complaints_dossier_fkey
    foreign key (province_code, dossier_id) references dossiers (province_code, id),
  constraint dossier_complaints_answer_check check ((answer is null) = (answered_at is null))
);
comment on table dossier_complaints is 'placement: distributed by province_code colocate with dossiers
A citizen''s feedback or complaint on a dossier and the officer''s answer, due in 15 working days (issue 13).';
-- Placement: an index of a distributed table, colocated with it.
create index dossier_complaints_dossier_idx on dossier_complaints (province_code, dossier_id, created_at);
-- A complaint is filed under an Idempotency-Key like a start or a submission (one per intent).
alter table idempotency_keys drop constraint idempotency_keys_operation_check;
alter table idempotency_keys add constraint idempotency_keys_operation_check
  check (operation in ('create', 'submit', 'complain'));
