-- Proactive offers (issue 12 point 5): a health facility's birth notice arriving as a signed
-- message offers each parent the birth group, prefilled, waiting in their portal. An offer is
-- the person's own: filed under their personal number, on their shard (docs/scaling.md). It
-- expires, can be declined, and is accepted only by the person's own submission of the group.
create table linked_offers (
  personal_number char(12) not null,
  id uuid not null,
  group_code text not null,
  notice_id text not null,
  province_code text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  state text not null default 'open' check (state in ('open', 'declined', 'accepted')),
  decided_at timestamptz,
  group_province_code text,
  group_id uuid,
  primary key (personal_number, id),
  unique (personal_number, group_code, notice_id)
);
comment on table linked_offers is 'placement: distributed by personal_number colocate with persons
A linked group offered to one person (a parent of a newborn): read and decided by that person, on their shard.';
