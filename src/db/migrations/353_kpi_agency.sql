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

-- The sums so far: every dossier of a procedure in a province has had one agency (the catalogue
-- has never moved a procedure between agencies), so a rollup row takes the agency of its
-- procedure's facts. Were that ever not so, `npm run metrics:rebuild` recomputes every row.
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

alter table kpi_facts alter column agency drop default;
alter table kpi_daily alter column agency drop default;
alter table kpi_monthly alter column agency drop default;
alter table kpi_province_monthly alter column agency drop default;
