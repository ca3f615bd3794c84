"""Alerts: who gets which statement, what to queue for it, what the email says, and getting it
delivered.

- `route.route()`: who gets which statement, and when (pure).
- `queueing.plan_queue()`: what a poll's new statements queue for each recipient: an alert, a
  follow-up, a digest entry or nothing, and why (pure; the archive writes the answer in the
  poll's transaction).
- `render.render_message()` / `render.render_short()`: what the email or chat post says (pure).
- `deliver.deliver_pending()`: drains the archive's outbox: email through SMTP when configured,
  else .eml files in the outbox folder; chat through Apprise. A message is marked sent the
  moment the server accepts it; until then it stays in the outbox and is retried with backoff,
  until its give-up time.

This file imports none of them: the archive applies `queueing` while it files a poll, and
`deliver` drains the archive, so a package that loaded `deliver` on entry would import itself
through the archive. Import each name from the module that defines it.
"""
