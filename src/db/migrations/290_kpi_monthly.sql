-- Coarser KPI rollups (issue 13 "Measure"): a dashboard's year or month reads rows proportional to
-- months × places, not to days × communes × procedures. kpi_monthly: the sums per commune,
-- procedure and local month (`month` is its first day); kpi_province_monthly: per province,
-- procedure and month. Both are kept with kpi_daily (same cells, same transaction), rebuilt with it
-- by `npm run metrics:rebuild`, and start here as the sums of the day rows already present.
create table kpi_monthly (
  province_code text not null,
  commune_code text not null,
  procedure_code text not null,
  month date not null,
  received int4 not null default 0,
  received_online int4 not null default 0,
  received_reuse int4 not null default 0,
  finished int4 not null default 0,
  on_time int4 not null default 0,
  fully_online int4 not null default 0,
  digitised int4 not null default 0,
  processing_millis int8 not null default 0,
  rated int4 not null default 0,
  satisfied int4 not null default 0,
  complained int4 not null default 0,
  primary key (province_code, commune_code, procedure_code, month)
);

create table kpi_province_monthly (
  province_code text not null,
  procedure_code text not null,
  month date not null,
  received int4 not null default 0,
  received_online int4 not null default 0,
  received_reuse int4 not null default 0,
  finished int4 not null default 0,
  on_time int4 not null default 0,
  fully_online int4 not null default 0,
  digitised int4 not null default 0,
  processing_millis int8 not null default 0,
  rated int4 not null default 0,
  satisfied int4 not null default 0,
  complained int4 not null default 0,
  primary key (province_code, procedure_code, month)
);
create index kpi_province_monthly_month_idx on kpi_province_monthly (month);

insert into kpi_monthly
select province_code, commune_code, procedure_code, date_trunc('month', day)::date,
  sum(received), sum(received_online), sum(received_reuse), sum(finished), sum(on_time),
  sum(fully_online), sum(digitised), sum(processing_millis), sum(rated), sum(satisfied), sum(complained)
from kpi_daily group by 1, 2, 3, 4;

insert into kpi_province_monthly
select province_code, procedure_code, month,
  sum(received), sum(received_online), sum(received_reuse), sum(finished), sum(on_time),
  sum(fully_online), sum(digitised), sum(processing_millis), sum(rated), sum(satisfied), sum(complained)
from kpi_monthly group by 1, 2, 3;

comment on table kpi_monthly is 'placement: distributed by province_code colocate with dossiers
KPI sums per commune, procedure and local month (the sums of its kpi_daily rows).';
comment on table kpi_province_monthly is 'placement: distributed by province_code colocate with dossiers
KPI sums per province, procedure and local month (the sums of its kpi_monthly rows).';
