-- Phone uploads (issue 9.11): a file is stored as the platform keeps it (a HEIC/HEIF photo converted
-- to JPEG), and the type it arrived as is recorded beside it. Files uploaded before: as stored.
alter table dossier_files add column original_mime text;
update dossier_files set original_mime = mime;
alter table dossier_files alter column original_mime set not null;
