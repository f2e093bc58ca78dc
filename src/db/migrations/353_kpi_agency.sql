-- KPI figures per agency (issue 13: "per commune, province, procedure, agency and the nation").
-- table: kpi_facts, kpi_daily, kpi_monthly and kpi_province_monthly learn the agency that processes
-- the dossier (`agency`: the id of src/domain/agencies.ts read from the dossier's agency code,
-- `UB.…` ubnd, `CA.…` cong-an, `BH.…` bhxh, `LD.…` van-hoa-xa-hoi; '' for an imported code of no
-- known sector), part of each rollup's key, so a leader narrows any figure to one agency (at a
-- commune: that commune's office of the agency). Placement unchanged (distributed by province_code).
alter table kpi_facts add column agency text not null default '';
alter table kpi_daily add column agency text not null default '';
alter table kpi_monthly add column agency text not null default '';
alter table kpi_province_monthly add column agency text not null default '';

update kpi_facts f
set agency = case split_part(d.agency_code, '.', 1)
  when 'UB' then 'ubnd' when 'CA' then 'cong-an' when 'BH' then 'bhxh' when 'LD' then 'van-hoa-xa-hoi'
  else '' end
from dossiers d
where d.province_code = f.province_code and d.id = f.dossier_id;

-- The sums so far: a rollup row takes the agency of its procedure's facts in its province, which
-- is exact where they have one agency (every dossier the platform made: its procedure's sector
-- decides its code). Where they have several (history imported under codes of other sectors), the
-- rows of that procedure are recomputed from the facts below, once the keys hold the agency.
update kpi_daily k set agency = m.agency
from (select province_code, procedure_code, min(agency) as agency from kpi_facts group by 1, 2) m
where m.province_code = k.province_code and m.procedure_code = k.procedure_code;
update kpi_monthly k set agency = m.agency
from (select province_code, procedure_code, min(agency) as agency from kpi_facts group by 1, 2) m
where m.province_code = k.province_code and m.procedure_code = k.procedure_code;
update kpi_province_monthly k set agency = m.agency
from (select province_code, procedure_code, min(agency) as agency from kpi_facts group by 1, 2) m
where m.province_code = k.province_code and m.procedure_code = k.procedure_code;

alter table kpi_daily drop constraint kpi_daily_pkey,
  add primary key (province_code, commune_code, procedure_code, agency, day);
alter table kpi_monthly drop constraint kpi_monthly_pkey,
  add primary key (province_code, commune_code, procedure_code, agency, month);
alter table kpi_province_monthly drop constraint kpi_province_monthly_pkey,
  add primary key (province_code, procedure_code, agency, month);

-- The procedures whose facts in a province have several agencies: their rows are the sums of their
-- facts, per agency (a received dossier counts on its receipt day, a decided one on its decision
-- day: src/domain/kpis.ts, factCells), then the months of those days.
delete from kpi_daily k using (select province_code, procedure_code from kpi_facts group by 1, 2 having count(distinct agency) > 1) m
where k.province_code = m.province_code and k.procedure_code = m.procedure_code;
insert into kpi_daily (province_code, commune_code, procedure_code, agency, day, received,
  received_online, received_reuse, finished, on_time, fully_online, digitised, processing_millis,
  rated, satisfied, complained, late_apologized)
select province_code, commune_code, procedure_code, agency, day, sum(received), sum(received_online),
  sum(received_reuse), sum(finished), sum(on_time), sum(fully_online), sum(digitised),
  sum(processing_millis), sum(rated), sum(satisfied), sum(complained), sum(late_apologized)
from (
  select f.province_code, f.commune_code, f.procedure_code, f.agency, f.received_on as day,
    1 as received, f.online::int as received_online, f.reuse::int as received_reuse, 0 as finished,
    0 as on_time, 0 as fully_online, 0 as digitised, 0::int8 as processing_millis, 0 as rated,
    0 as satisfied, 0 as complained, 0 as late_apologized
  from kpi_facts f join (select province_code, procedure_code from kpi_facts group by 1, 2 having count(distinct agency) > 1) m
    on m.province_code = f.province_code and m.procedure_code = f.procedure_code
  where f.received_on is not null
  union all
  select f.province_code, f.commune_code, f.procedure_code, f.agency, f.decided_on, 0, 0, 0, 1,
    f.on_time::int, f.fully_online::int, f.digitised::int, f.processing_millis,
    (f.rating is not null)::int, (coalesce(f.rating, 0) >= 4)::int, f.complained::int,
    f.apologized_in_time::int
  from kpi_facts f join (select province_code, procedure_code from kpi_facts group by 1, 2 having count(distinct agency) > 1) m
    on m.province_code = f.province_code and m.procedure_code = f.procedure_code
  where f.decided_on is not null
) c
group by 1, 2, 3, 4, 5;
delete from kpi_monthly k using (select province_code, procedure_code from kpi_facts group by 1, 2 having count(distinct agency) > 1) m
where k.province_code = m.province_code and k.procedure_code = m.procedure_code;
insert into kpi_monthly (province_code, commune_code, procedure_code, month, received, received_online, received_reuse, finished, on_time, fully_online, digitised,
  processing_millis, rated, satisfied, complained, late_apologized, agency)
select k.province_code, k.commune_code, k.procedure_code, date_trunc('month', k.day)::date,
  sum(k.received), sum(k.received_online), sum(k.received_reuse), sum(k.finished), sum(k.on_time),
  sum(k.fully_online), sum(k.digitised), sum(k.processing_millis), sum(k.rated), sum(k.satisfied),
  sum(k.complained), sum(k.late_apologized), k.agency
from kpi_daily k join (select province_code, procedure_code from kpi_facts group by 1, 2 having count(distinct agency) > 1) m
  on m.province_code = k.province_code and m.procedure_code = k.procedure_code
group by k.province_code, k.commune_code, k.procedure_code, k.agency, 4;
delete from kpi_province_monthly k using (select province_code, procedure_code from kpi_facts group by 1, 2 having count(distinct agency) > 1) m
where k.province_code = m.province_code and k.procedure_code = m.procedure_code;
insert into kpi_province_monthly (province_code, procedure_code, month, received, received_online, received_reuse, finished, on_time, fully_online, digitised,
  processing_millis, rated, satisfied, complained, late_apologized, agency)
select k.province_code, k.procedure_code, k.month, sum(k.received), sum(k.received_online),
  sum(k.received_reuse), sum(k.finished), sum(k.on_time), sum(k.fully_online), sum(k.digitised),
  sum(k.processing_millis), sum(k.rated), sum(k.satisfied), sum(k.complained),
  sum(k.late_apologized), k.agency
from kpi_monthly k join (select province_code, procedure_code from kpi_facts group by 1, 2 having count(distinct agency) > 1) m
  on m.province_code = k.province_code and m.procedure_code = k.procedure_code
group by k.province_code, k.procedure_code, k.month, k.agency;

alter table kpi_facts alter column agency drop default;
alter table kpi_daily alter column agency drop default;
alter table kpi_monthly alter column agency drop default;
alter table kpi_province_monthly alter column agency drop default;
