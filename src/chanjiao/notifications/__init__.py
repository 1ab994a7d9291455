"""In-app notifications with an unread count, mailed when mail is configured, each kind turned
off by its user; the calendar (.ics) of a user's own deadlines and placement dates.

Apps that produce notices call ``chanjiao.notifications.services.notify``; dated events (a
deadline a week ahead, an overdue case, an expiring agreement, a placement's dates) come from
each app's ``dated_events`` hook, so this app imports none of them."""
