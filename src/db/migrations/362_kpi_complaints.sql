-- Issue 13: the Decision 766 indicator "complaints handled on time" (src/domain/kpis.ts
-- `complaintsOnTimeShare`). kpi_facts keeps each dossier's complaints as the measure counts them
-- (`complaints`: [{day, onTime, open}], src/domain/complaints.ts `complaintCells`), so the
-- incremental rollups can take a dossier's old cells out; the three rollups sum, per day of an
-- outcome, the complaints counted, those answered by their due instant, and those still open.
-- No complaint exists before this migration (migration 361 is new), so nothing is backfilled.
-- Placement unchanged (distributed by province_code).
alter table kpi_facts add column complaints jsonb not null default '[]';
alter table kpi_daily
  add column complaints_due int4 not null default 0,
  add column complaints_on_time int4 not null default 0,
  add column complaints_open int4 not null default 0;
alter table kpi_monthly
  add column complaints_due int4 not null default 0,
  add column complaints_on_time int4 not null default 0,
  add column complaints_open int4 not null default 0;
alter table kpi_province_monthly
  add column complaints_due int4 not null default 0,
  add column complaints_on_time int4 not null default 0,
  add column complaints_open int4 not null default 0;
