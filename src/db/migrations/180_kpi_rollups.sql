-- KPIs measured from the dossiers' logs (shared/KPIS.md, src/domain/kpis.ts), issue 13.
-- kpi_facts: each dossier's contribution (its receipt day, its decision day and what was measured
-- at it), so that a change subtracts the old contribution and adds the new one in the action's
-- transaction. kpi_daily: the sums per commune, procedure and local day (UTC+7); months, quarters,
-- years, provinces and the nation are sums of these rows. Both are rebuilt from the logs by
-- `npm run metrics:rebuild`.
create table kpi_facts (
  province_code text not null,
  dossier_id uuid not null,
  commune_code text not null,
  procedure_code text not null,
  received_on date,
  online boolean not null,
  reuse boolean not null,
  decided_on date,
  on_time boolean not null,
  fully_online boolean not null,
  digitised boolean not null,
  processing_millis int8 not null,
  rating int2,
  complained boolean not null,
  primary key (province_code, dossier_id),
  foreign key (province_code, dossier_id) references dossiers (province_code, id)
);

create table kpi_daily (
  province_code text not null,
  commune_code text not null,
  procedure_code text not null,
  day date not null,
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
  primary key (province_code, commune_code, procedure_code, day)
);
create index kpi_daily_day_idx on kpi_daily (day);

-- History imported from the system a province or commune used before (`npm run import`): what the
-- platform's own dossiers do not record (components handed in on paper, a complaint filed).
create table dossier_imports (
  province_code text not null,
  dossier_id uuid not null,
  code text not null,
  paper_components int4 not null default 0,
  complaint boolean not null default false,
  imported_at timestamptz not null default now(),
  primary key (province_code, dossier_id),
  unique (province_code, code),
  foreign key (province_code, dossier_id) references dossiers (province_code, id)
);

comment on table kpi_facts is 'placement: distributed by province_code colocate with dossiers
A dossier''s contribution to the KPIs, written in the transaction of its action.';
comment on table kpi_daily is 'placement: distributed by province_code colocate with dossiers
KPI sums per commune, procedure and local day; a province''s rows lie in its shard, the nation sums every shard.';
comment on table dossier_imports is 'placement: distributed by province_code colocate with dossiers
What an imported historical dossier brings besides its log (paper components, a complaint).';
