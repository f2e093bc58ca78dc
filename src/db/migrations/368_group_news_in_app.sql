-- Issue 12: the in-app copies of a linked group's news sent before migration 363. Since 363 each
-- message of a group to a person (`linked.group_news`, `linked.head_reminder`: the head asked,
-- reminded; the applicant told of the head's refusal) writes, besides its SMS and e-mail, an in-app
-- copy (channel 'app', src/modules/notifications/reminders.ts `fanOutGroupNews`) that
-- GET /api/me/notifications lists; the messages before it have none, so the list of a person who had
-- a group before the upgrade missed them. One copy per person and message (province, group, person,
-- event and instant: the copy and its SMS and e-mail share the message's instant), unless it has
-- one: running this again adds nothing. Shaped as the code writes it: delivered at the message's
-- instant, never sent (no recipient, no outbox message), unread.
-- Its words come from the message's rows, the e-mail's first: the e-mail holds the full text and
-- the page's address after it (`${textVi} ${page}`), so the copy is exact (the address dropped,
-- and the words leading to it, `withoutAddressLead`: "Xem nhóm hồ sơ:"). Without an e-mail (a head
-- with a phone only), the SMS: a refusal's SMS is "Một Lần: " and the full text (exact again); a
-- request's or reminder's SMS is a shorter text written for SMS, the full Vietnamese text is kept
-- nowhere, so the copy has the SMS's words, without "Một Lần: " and the address, its last words
-- ("Vào mục Đề nghị chờ tôi đồng ý:") ending as a sentence, the list linking that page itself. The
-- English text is the full one on every channel (`${textEn} ${page}`): exact. A message that
-- reached the person by no channel left no row: nothing to copy (the group's page still says it).
-- Placement (docs/scaling.md): no new table or column; notifications stays distributed by
-- province_code, colocated with dossiers; each copy is written in its message's province (an
-- INSERT … SELECT within one table, grouped by the distribution key).
insert into notifications (province_code, group_id, personal_number, channel, event, text_vi, text_en,
  status, created_at, status_at)
select m.province_code, m.group_id, m.personal_number, 'app', m.event,
  case when m.channel = 'sms' and m.event <> 'head_refused'
    then btrim(regexp_replace(m.vi, ':\s*$', '.'))
    else btrim(regexp_replace(m.vi, '([.!?])\s+[^.!?]*:\s*$', '\1')) end,
  btrim(regexp_replace(m.en, '([.!?])\s+[^.!?]*:\s*$', '\1')),
  'delivered', m.created_at, m.created_at
from (
  select distinct on (n.province_code, n.group_id, n.personal_number, n.event, n.created_at)
    n.province_code, n.group_id, n.personal_number, n.event, n.created_at, n.channel,
    -- The page's address the SMS and e-mail end with, then the SMS's "Một Lần: ", dropped.
    case when n.channel = 'sms'
      then regexp_replace(regexp_replace(n.text_vi, '\s+(https?://\S*|/\S*)\s*$', ''), '^\s*Một Lần:\s*', '')
      else regexp_replace(n.text_vi, '\s+(https?://\S*|/\S*)\s*$', '') end as vi,
    regexp_replace(n.text_en, '\s+(https?://\S*|/\S*)\s*$', '') as en
  from notifications n
  where n.group_id is not null and n.channel in ('email', 'sms')
    and not exists (
      select 1 from notifications a
      where a.province_code = n.province_code and a.group_id = n.group_id and a.channel = 'app'
        and a.personal_number = n.personal_number and a.event = n.event and a.created_at = n.created_at)
  order by n.province_code, n.group_id, n.personal_number, n.event, n.created_at,
    n.channel = 'email' desc, n.id
) m;
