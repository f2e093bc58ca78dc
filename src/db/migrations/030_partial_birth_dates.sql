-- Dates of birth known only by year or by month and year, as old civil-status books and household
-- registers often hold them. birth_date keeps the first day of what is known (so sorting and age
-- bounds in SQL stay right); birth_date_precision says how much is known. Readers render
-- 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (printed "1950", "07/1950", "14/07/1950").
alter table persons add column birth_date_precision text not null default 'day'
  check (birth_date_precision in ('year', 'month', 'day'));
alter table persons add constraint persons_birth_date_known_part check (
  birth_date_precision = 'day'
  or (extract(day from birth_date) = 1 and (birth_date_precision = 'month' or extract(month from birth_date) = 1))
);
