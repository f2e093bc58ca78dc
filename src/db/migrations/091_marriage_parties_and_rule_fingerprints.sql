-- 1. One person, one marriage at a time (Law 52/2014/QH13 on Marriage and Family, Art. 5(2)(c):
-- no marrying while married). Each person named by personal number in an open or finished
-- marriage registration is filed here, on their own shard, pointing at that dossier; a submit
-- that names them while the dossier pointed at still holds them (not withdrawn, rejected or
-- refused) is refused with ALREADY_MARRIED (src/modules/dossiers/life-event.ts). The primary key
-- is the guarantee, in the whole country: two submits at once for one person cannot both win.
create table marriage_parties (
  personal_number char(12) primary key,
  province_code text not null,
  dossier_id uuid not null
);
comment on table marriage_parties is 'placement: distributed by personal_number colocate with persons
The marriage registration that holds a person (one at a time), filed under the person: the check at submit reads each party''s own shard, then the dossier by its full key.';

-- Marriage registrations filed before this migration: each party takes the first open or finished
-- one naming them (keys as src/domain/life-event.ts derives them: `marriage:<party>:<party>`, a
-- party known by number only; life_event_key is set since migration 060). Later ones keep theirs.
insert into marriage_parties (personal_number, province_code, dossier_id)
select party, province_code, id from (
  select d.province_code, d.id, d.submitted_at,
    regexp_split_to_table(substr(d.life_event_key, length('marriage:') + 1), ':') as party
  from dossiers d
  where d.life_event_key like 'marriage:%' and d.status not in ('draft', 'withdrawn', 'rejected', 'refused')
) p
where party ~ '^[0-9]{12}$'
order by submitted_at nulls last, id
on conflict (personal_number) do nothing;

-- 2. The fingerprint of each domain rule whose results are stored. `near_due`: the near-due
-- threshold (NEAR_DUE in src/domain/due.ts) that computed dossiers.near_due_at. At start, a
-- threshold that differs from the one recorded here clears near_due_at of the dossiers still
-- open, records the new one, and the backfill recomputes them (src/modules/dossiers/due-instants.ts).
create table rule_fingerprints (
  rule text primary key,
  fingerprint text not null,
  recorded_at timestamptz not null default now()
);
comment on table rule_fingerprints is 'placement: coordinator
Bookkeeping of start-up jobs: the domain rules stored results were computed under.';
-- Every near_due_at stored so far was computed under this threshold (8 office hours, a quarter of
-- a limit of a day or less).
insert into rule_fingerprints (rule, fingerprint)
values ('near_due', '{"workingMillis":28800000,"shortLimitFraction":0.25}');
