-- Issue 13 review (2026-12-03): `npm run import` is idempotent by dossier code, but a code met
-- again with DIFFERENT content was silently counted as already present. Each imported line's
-- fingerprint (SHA-256 of the canonical JSON of the line, keys sorted, null as absent) is kept, so a
-- repeat is told apart: identical (present, silent) or conflicting (IMPORT_CONFLICT, reported).
-- Null for the lines imported before this column (their repeats stay "present").
-- Placement: a column of dossier_imports, which stays distributed by province_code.
alter table dossier_imports add column content_hash text;
