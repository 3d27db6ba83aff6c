-- Notices are written in bulk (a split notifies every member of 2,000 groups in one statement):
-- a deferred row trigger per notice costed the split one function call and one upsert per
-- member at commit. notify() (store/notifications.ts), the one writer of notifications, now
-- moves its users' 'notices:' versions in the statement that writes them, one set-based upsert
-- in the order of the scopes; the trigger stays for marking read. Those versions are then taken
-- inside the transaction rather than at its commit: a split chunk holds its members' rows until
-- it commits, and their own reads of notices wait that long (a deadlock, should one arise, is
-- retried like any other).
drop trigger notifications_read_version on notifications;
create constraint trigger notifications_read_version after update or delete on notifications
  deferrable initially deferred for each row execute function bump_user_of_row('notices');
