-- Death-notice offers (issue 12 point 5): a death notice arriving as a signed message
-- (`health.death_notice@1`) offers each adult of the deceased's household the death group. The
-- notice is filed under the household (another shard than the person's offer), so the offer keeps
-- what its person is shown of it: the deceased's name, the instant and place of the death.
alter table linked_offers add column notice jsonb;
