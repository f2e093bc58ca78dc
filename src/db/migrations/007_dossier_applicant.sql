-- The applicant's name travels with the dossier: read once through the exchange (and logged) when
-- the dossier is filed, so the queue, its search and the documents never read the population
-- registry again (and never join dossiers to persons, which a distributed schema cannot do).
alter table dossiers add column applicant_name text;
alter table dossiers add column applicant_search_name text;
update dossiers d set applicant_name = p.full_name, applicant_search_name = p.search_name
  from persons p where p.personal_number = d.applicant_number;
