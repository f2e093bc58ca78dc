-- Issue 11 point 3: the registry values each submitted dossier reused (its prefill), filed under the
-- person they are about, so that a correction accepted for that person finds the dossiers to alert
-- by an index (person, registry, value) instead of scanning every open dossier's prefill JSON.
-- A candidate list: the alert checks the dossier is still open and still shows that value.
create table dossier_reused_values (
  personal_number char(12) not null,
  registry text not null,
  value text not null,
  province_code text not null,
  dossier_id uuid not null,
  field_key text not null,
  recorded_at timestamptz not null,
  primary key (personal_number, registry, value, province_code, dossier_id, field_key)
);
comment on table dossier_reused_values is 'placement: distributed by personal_number colocate with persons
Registry values a submitted dossier reused, by the person they are about: the index of correction alerts.';

insert into dossier_reused_values (personal_number, registry, value, province_code, dossier_id, field_key, recorded_at)
select f.value->'provenance'->>'ref', f.value->'provenance'->>'registry', f.value->>'value', d.province_code, d.id,
  f.key, d.updated_at
from dossiers d cross join lateral jsonb_each(d.prefill) f
where d.status <> 'draft' and f.value->'provenance'->>'ref' ~ '^[0-9]{12}$'
  and f.value->'provenance'->>'registry' is not null and f.value->>'value' is not null
on conflict do nothing;
