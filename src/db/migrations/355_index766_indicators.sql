-- The Decision 766 index, version 2026.12 (src/domain/index766.ts): the indicators shared/DOMAIN.md
-- lists that the dossiers measure. No new table: kpi_facts learns, per dossier, whether a finished
-- dossier had a fee and paid it online (`record_payment` not marked online: false), whether it was
-- decided by a result and whether that result is electronic (`issue_result` not marked
-- electronic: false), and whether a received dossier's prefill registries are known (not imported
-- history) and include the national population database; the three rollups sum them. Existing rows
-- are computed here from the logs with the same rules as src/domain/kpis.ts `dossierFacts` (what
-- `npm run metrics:rebuild` gives). Placement unchanged (distributed by province_code).
alter table kpi_facts
  add column fee_bearing boolean not null default false,
  add column paid_online boolean not null default false,
  add column result_issued boolean not null default false,
  add column electronic_result boolean not null default false,
  add column registries_known boolean not null default false,
  add column population_data boolean not null default false;
alter table kpi_daily
  add column fee_bearing int4 not null default 0,
  add column paid_online int4 not null default 0,
  add column results_issued int4 not null default 0,
  add column results_electronic int4 not null default 0,
  add column received_registries_known int4 not null default 0,
  add column received_population int4 not null default 0;
alter table kpi_monthly
  add column fee_bearing int4 not null default 0,
  add column paid_online int4 not null default 0,
  add column results_issued int4 not null default 0,
  add column results_electronic int4 not null default 0,
  add column received_registries_known int4 not null default 0,
  add column received_population int4 not null default 0;
alter table kpi_province_monthly
  add column fee_bearing int4 not null default 0,
  add column paid_online int4 not null default 0,
  add column results_issued int4 not null default 0,
  add column results_electronic int4 not null default 0,
  add column received_registries_known int4 not null default 0,
  add column received_population int4 not null default 0;

-- The fee fixed at the (last) submission; the decision (first issue_result or refuse).
update kpi_facts f
set fee_bearing = f.decided_on is not null and coalesce((
    select case when jsonb_typeof(a.payload -> 'fee') = 'number' then (a.payload ->> 'fee')::numeric else 0 end
    from dossier_actions a
    where a.province_code = f.province_code and a.dossier_id = f.dossier_id and a.action = 'submit'
    order by a.seq desc limit 1), 0) > 0,
  result_issued = f.decided_on is not null and coalesce((
    select a.action = 'issue_result'
    from dossier_actions a
    where a.province_code = f.province_code and a.dossier_id = f.dossier_id
      and a.action in ('issue_result', 'refuse')
    order by a.seq limit 1), false),
  electronic_result = f.decided_on is not null and coalesce((
    select a.action = 'issue_result' and (a.payload -> 'electronic') is distinct from 'false'::jsonb
    from dossier_actions a
    where a.province_code = f.province_code and a.dossier_id = f.dossier_id
      and a.action in ('issue_result', 'refuse')
    order by a.seq limit 1), false),
  registries_known = f.received_on is not null and not exists (
    select 1 from dossier_imports i where i.province_code = f.province_code and i.dossier_id = f.dossier_id);

update kpi_facts f
set paid_online = exists (
    select 1 from dossier_actions a
    where a.province_code = f.province_code and a.dossier_id = f.dossier_id and a.action = 'record_payment'
      and (a.payload -> 'online') is distinct from 'false'::jsonb)
where f.fee_bearing;

update kpi_facts f
set population_data = jsonb_path_exists(d.prefill, '$.*.provenance.registry ? (@ == "population")')
from dossiers d
where f.registries_known and d.province_code = f.province_code and d.id = f.dossier_id;

-- The sums: a received dossier counts on its receipt day, a decided one on its decision day
-- (src/domain/kpis.ts, factCells); every such cell already has its rollup row. The months are the
-- sums of the days just set, the provinces' months the sums of the communes' months.

update kpi_daily k
set fee_bearing = c.fee_bearing, paid_online = c.paid_online, results_issued = c.results_issued,
  results_electronic = c.results_electronic, received_registries_known = c.received_registries_known,
  received_population = c.received_population
from (
  select province_code, commune_code, procedure_code, agency, day, sum(fee_bearing) as fee_bearing,
    sum(paid_online) as paid_online, sum(results_issued) as results_issued,
    sum(results_electronic) as results_electronic, sum(received_registries_known) as received_registries_known,
    sum(received_population) as received_population
  from (
    select f.province_code, f.commune_code, f.procedure_code, f.agency, f.received_on as day,
      0 as fee_bearing, 0 as paid_online, 0 as results_issued, 0 as results_electronic,
      f.registries_known::int as received_registries_known, f.population_data::int as received_population
    from kpi_facts f
    where f.received_on is not null and f.registries_known
    union all
    select f.province_code, f.commune_code, f.procedure_code, f.agency, f.decided_on, f.fee_bearing::int,
      f.paid_online::int, f.result_issued::int, f.electronic_result::int, 0, 0
    from kpi_facts f
    where f.decided_on is not null and (f.fee_bearing or f.result_issued)
  ) c
  group by 1, 2, 3, 4, 5
) c
where k.province_code = c.province_code and k.commune_code = c.commune_code
  and k.procedure_code = c.procedure_code and k.agency = c.agency and k.day = c.day;

update kpi_monthly k
set fee_bearing = c.fee_bearing, paid_online = c.paid_online, results_issued = c.results_issued,
  results_electronic = c.results_electronic, received_registries_known = c.received_registries_known,
  received_population = c.received_population
from (
  select province_code, commune_code, procedure_code, agency, date_trunc('month', day)::date as month,
    sum(fee_bearing) as fee_bearing, sum(paid_online) as paid_online, sum(results_issued) as results_issued,
    sum(results_electronic) as results_electronic,
    sum(received_registries_known) as received_registries_known, sum(received_population) as received_population
  from kpi_daily group by 1, 2, 3, 4, 5
) c
where k.province_code = c.province_code and k.commune_code = c.commune_code
  and k.procedure_code = c.procedure_code and k.agency = c.agency and k.month = c.month;

update kpi_province_monthly k
set fee_bearing = c.fee_bearing, paid_online = c.paid_online, results_issued = c.results_issued,
  results_electronic = c.results_electronic, received_registries_known = c.received_registries_known,
  received_population = c.received_population
from (
  select province_code, procedure_code, agency, month, sum(fee_bearing) as fee_bearing,
    sum(paid_online) as paid_online, sum(results_issued) as results_issued,
    sum(results_electronic) as results_electronic,
    sum(received_registries_known) as received_registries_known, sum(received_population) as received_population
  from kpi_monthly group by 1, 2, 3, 4
) c
where k.province_code = c.province_code and k.procedure_code = c.procedure_code and k.agency = c.agency
  and k.month = c.month;
