-- Issue 11 review: a failed SMS or e-mail tells the citizen why in plain words, by a stable code,
-- instead of the technical error ("connect ECONNREFUSED …"), which only officers and
-- administrators read. No new table (placement unchanged: notifications and outbox stay where they
-- are, docs/scaling.md).
alter table notifications add column failure_code text;
update notifications set failure_code = case
    when error like 'discarded:%' then 'SEND_CANCELLED'
    when channel = 'sms' and error like 'the gateway reported%' then 'NOT_DELIVERED'
    else 'SEND_FAILED' end
  where status = 'failed';

-- Who gave an outbox message up (the administrator's username), beside when and why.
alter table outbox add column discarded_by text;
