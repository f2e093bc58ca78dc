-- The officer queue sorts a jurisdiction's dossiers by due date (100,000 per province and more).
create index dossiers_province_due_idx on dossiers (province_code, due_at, submitted_at, id);
create index dossiers_commune_due_idx on dossiers (commune_code, due_at, submitted_at, id);
create index dossiers_code_prefix_idx on dossiers (code text_pattern_ops);
create index dossiers_applicant_prefix_idx on dossiers (applicant_number bpchar_pattern_ops);
