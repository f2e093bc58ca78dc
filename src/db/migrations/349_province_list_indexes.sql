-- The leader's lists of one province (issue 13, GET /api/leader/overview/dossiers?province=…), at
-- 10.7 million dossiers (README "KPIs at scale"): a province's open figures (in processing,
-- waiting for a supplement, overdue) ANDed a bitmap of every open dossier of the nation
-- (dossiers_open_order_idx, 54,000 rows) with one of the province's 335,000 dossiers
-- (dossiers_queue_idx), then sorted: 175-430 ms a page for 36-1,677 rows; its decided-this-month
-- figures did the same with dossiers_decided_at_idx. These two indexes lead with the province, so
-- the open figures walk the province's open dossiers in the list's own order and stop at the page's
-- end, and the period's figures read the province's range of decision times: 1.3-8.9 ms.
-- Non-unique, so on Citus each shard keeps its own copy (docs/scaling.md). Placement: no table added.
create index dossiers_province_open_order_idx
  on dossiers (province_code, (coalesce(due_at, received_at, created_at)), code, id)
  where status in ('submitted', 'received', 'in_processing', 'supplement_requested', 'supplemented', 'approved');
create index dossiers_province_decided_idx on dossiers (province_code, decided_at) where decided_at is not null;
