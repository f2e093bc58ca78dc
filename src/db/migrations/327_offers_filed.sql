-- Issue 12 (review): an offer is closed for everyone as soon as any person files a group from its
-- notice, not only once the registry write-back marks the notice registered: the other parent's
-- (or relative's) offer of the same notice becomes 'filed', naming the group that took the notice.
alter table linked_offers drop constraint linked_offers_state_check;
alter table linked_offers add constraint linked_offers_state_check
  check (state in ('open', 'declined', 'accepted', 'filed'));
