"""Notifications: the in-app centre (bell, list, mark read) and e-mail, per user and kind.

A notification never holds a personal value: only its kind, a count and a link whose page
checks access as always. That is why it may go into an e-mail.
"""
