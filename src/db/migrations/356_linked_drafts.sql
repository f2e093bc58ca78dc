-- Issue 14 point 4 ("forms that forgive"): the combined form of a linked group kept as the citizen
-- types (the procedures chosen, the child's name, the facts and the later steps' answers), so that
-- leaving the page and coming back loses nothing. One draft per person, group and form (`form_key`:
-- the offer the form is filed from, '' without one): a second start answers with the same draft. A
-- filed group deletes it; the citizen may delete it. Only its person reads or writes it.
create table linked_drafts (
  personal_number char(12) not null,
  id uuid not null,
  group_code text not null,
  form_key text not null,
  state jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (personal_number, id),
  unique (personal_number, group_code, form_key)
);
comment on table linked_drafts is 'placement: distributed by personal_number colocate with persons
The unfinished combined form of a linked group: read and written by its person only, on their shard.';
