-- The leader's lists for the national viewer (issue 13, GET /api/leader/overview/dossiers with no
-- province): each figure's first page read the whole of `dossiers` (parallel seq scan, then a sort
-- by due time), twice (the page and its total). These indexes give every figure an index:
-- - the figures of open dossiers (submitted, in processing, waiting for a supplement, overdue) walk
--   `dossiers_open_order_idx` in the list's own order (due time, code, id) and stop at the page's
--   end; an overdue dossier is due before any other open one, so its page is the index's first rows;
-- - the figures of a day or a month (received today, decided today or this month, on time) read the
--   period's range of `dossiers_decided_at_idx` or `dossiers_received_at_idx`, then sort that range.
-- None leads with province_code: a national list orders dossiers of every province together, which
-- an index by province cannot give in one walk; on Citus each shard walks its own copy and the
-- coordinator merges the shards' first pages (docs/scaling.md: a non-unique index needs no
-- distribution column). A province's or a commune's list keeps its indexes by province first
-- (dossiers_province_due_idx, dossiers_province_decided_idx). Placement: no table added.
create index dossiers_open_order_idx on dossiers ((coalesce(due_at, received_at, created_at)), code, id)
  where status in ('submitted', 'received', 'in_processing', 'supplement_requested', 'supplemented', 'approved');
create index dossiers_decided_at_idx on dossiers (decided_at) where decided_at is not null;
create index dossiers_received_at_idx on dossiers (received_at) where received_at is not null;
