-- One definition of "late" (issue 8, src/domain/due.ts). The projection stores, next to the due
-- instant, the near-due instant, and the decision instant of KPIS.md, so that the officer queue,
-- the leader's view and the badges compare `now` with stored instants:
--   due_at       the legal due instant moved by the working time of closed supplement waits
--                (moved by the `supplement` action; before this migration it was never moved)
--   near_due_at  from this instant the remaining working time is within the near-due threshold
--   decided_at   the first `issue_result` or `refuse` (KPIS.md "Finished"); null until decided
alter table dossiers add column near_due_at timestamptz;
alter table dossiers add column decided_at timestamptz;

update dossiers d set decided_at = (
  select min(a.at) from dossier_actions a
  where a.dossier_id = d.id and a.action in ('issue_result', 'refuse'));

-- due_at and near_due_at need the working-day calendar (data/calendar/holidays.json), which SQL
-- does not have: the application recomputes both from each dossier's log when near_due_at is null
-- (`backfillDueInstants`, run at start after the migrations).

-- The leader's on-time share counts dossiers decided in a period.
create index dossiers_province_decided_idx on dossiers (province_code, decided_at) where decided_at is not null;
create index dossiers_commune_decided_idx on dossiers (commune_code, decided_at) where decided_at is not null;
