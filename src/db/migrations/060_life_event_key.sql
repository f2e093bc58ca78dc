-- One life event, one registration (issue 9.5): a dossier that registers a birth, a death or a
-- marriage records the event's key at submit (src/domain/life-event.ts). For one procedure, at
-- most one dossier that is open (submitted and later) or finished may hold a key: two submits at
-- once cannot both win. Drafts, withdrawn, rejected and refused dossiers release it
-- (LIFE_EVENT_RELEASED in src/domain/life-event.ts names the same statuses).
alter table dossiers add column life_event_key text;
create unique index dossiers_life_event_key on dossiers (procedure_code, life_event_key)
  where life_event_key is not null and status not in ('draft', 'withdrawn', 'rejected', 'refused');

-- Dossiers filed before this migration: the first open or finished dossier of each event of the
-- starter procedures takes its key (keys as src/domain/life-event.ts derives them; a partner known
-- only by name is left out). Later duplicates already filed keep no key: officers judge those.
with keyed as (
  select id, procedure_code, submitted_at,
    case
      when procedure_code in ('LOCAL.KHAI-TU', 'LOCAL.XOA-DKTT', 'LOCAL.MAI-TANG-PHI')
        and form->>'deceased.personalNumber' ~ '^[0-9]{12}$'
        then 'death:' || (form->>'deceased.personalNumber')
      when procedure_code = 'LOCAL.KHAI-TU' and components->'deathNotice'->>'replaced' = 'true'
        and coalesce(components->'deathNotice'->>'ref', '') <> ''
        then 'death-notice:' || (components->'deathNotice'->>'ref')
      when procedure_code = '1.001193' and components->'birthCertificate'->>'replaced' = 'true'
        and coalesce(components->'birthCertificate'->>'ref', '') <> ''
        then 'birth-notice:' || (components->'birthCertificate'->>'ref')
      when procedure_code = 'LOCAL.KET-HON'
        and form->>'applicant.personalNumber' ~ '^[0-9]{12}$' and form->>'partner.personalNumber' ~ '^[0-9]{12}$'
        then 'marriage:' || least(form->>'applicant.personalNumber', form->>'partner.personalNumber') || ':'
          || greatest(form->>'applicant.personalNumber', form->>'partner.personalNumber')
    end as key
  from dossiers
  where status not in ('draft', 'withdrawn', 'rejected', 'refused')
), firsts as (
  select id, key, row_number() over (partition by procedure_code, key order by submitted_at nulls last, id) as n
  from keyed where key is not null
)
update dossiers d set life_event_key = f.key from firsts f where f.id = d.id and f.n = 1;
