-- Catalogue: procedures as versioned data (DESIGN.md "Procedures are data").
-- A version is a draft, then published, then retired when a newer one is published. Dossiers
-- reference (code, version), so a published or retired definition is never rewritten or deleted.
-- Written for PostgreSQL 15; runs unchanged on embedded PGlite.

create table procedure_versions (
  code text not null check (code ~ '^([0-9]\.[0-9]{6}|LOCAL\.[A-Z0-9-]+)$'),
  version integer not null check (version >= 1),
  definition jsonb not null check (definition ->> 'code' = code),
  definition_hash text not null check (definition_hash ~ '^[0-9a-f]{64}$'),
  status text not null check (status in ('draft', 'published', 'retired')),
  name_vi text not null,
  -- Folded (no diacritics, lower case) name, English name, code and keywords, joined by ' | '.
  search_text text not null,
  created_at timestamptz not null default now(),
  created_by text not null,
  published_at timestamptz,
  published_by text,
  primary key (code, version),
  check ((status = 'draft') = (published_at is null))
);

-- At most one published version per procedure, so "the latest published" is unambiguous. It also
-- serves the public list, which reads only published rows (a few hundred: scanning them is cheap,
-- and the diacritic-free search_text needs no trigram index at that size).
create unique index procedure_versions_one_published_idx on procedure_versions (code) where status = 'published';

-- Guard for what dossiers rely on: only drafts may be edited or deleted, and status moves only
-- draft -> published -> retired.
create function procedure_versions_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'procedure %@% is %, it cannot be deleted', old.code, old.version, old.status;
    end if;
    return old;
  end if;
  if old.status <> 'draft' and (
       new.definition is distinct from old.definition
       or new.definition_hash is distinct from old.definition_hash
       or new.code is distinct from old.code
       or new.version is distinct from old.version
       or new.published_at is distinct from old.published_at) then
    raise exception 'procedure %@% is %, its definition cannot change', old.code, old.version, old.status;
  end if;
  if not (new.status = old.status
          or (old.status = 'draft' and new.status = 'published')
          or (old.status = 'published' and new.status = 'retired')) then
    raise exception 'procedure %@%: % -> % is not allowed', old.code, old.version, old.status, new.status;
  end if;
  return new;
end
$$;

create trigger procedure_versions_guard before update or delete on procedure_versions
  for each row execute function procedure_versions_guard();
