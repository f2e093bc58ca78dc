-- One life event, one registration (issue 9.5): a dossier that registers a birth, a death or a
-- marriage records the event's key at submit (src/domain/life-event.ts). For one procedure, at
-- most one dossier that is open (submitted and later) or finished may hold a key: two submits at
-- once cannot both win. Drafts, withdrawn, rejected and refused dossiers release it
-- (LIFE_EVENT_RELEASED in src/domain/life-event.ts names the same statuses).
alter table dossiers add column life_event_key text;
create unique index dossiers_life_event_key on dossiers (procedure_code, life_event_key)
  where life_event_key is not null and status not in ('draft', 'withdrawn', 'rejected', 'refused');
