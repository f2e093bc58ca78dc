-- The apology slip for a late dossier (Decree 61/2018/NĐ-CP; Circular 01/2018/TT-VPCP, Mẫu số 05),
-- measured for the Decision 766 publicity group (src/domain/kpis.ts `timelyApologyShare`). No new
-- table: kpi_facts learns whether a late finished dossier's apology was sent before its due instant,
-- and the three rollups sum those dossiers. The platform's dossiers had no apology before this
-- migration, so 0 / false is every row's value (`npm run metrics:rebuild` gives the same).
alter table kpi_facts add column apologized_in_time boolean not null default false;
alter table kpi_daily add column late_apologized int4 not null default 0;
alter table kpi_monthly add column late_apologized int4 not null default 0;
alter table kpi_province_monthly add column late_apologized int4 not null default 0;
