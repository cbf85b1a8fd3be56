"""URLs of the scheduling app."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.scheduling import views_calendar, views_chains, views_feeds, views_tasks

app_name = "scheduling"
urlpatterns: list[URLPattern | URLResolver] = []

# Calendars, events and tasks (views_calendar, views_tasks).
urlpatterns += [
    path("", views_calendar.my_calendar, name="calendar"),
    path("firm/", views_calendar.firm_calendar, name="firm_calendar"),
    path("matters/<int:pk>/", views_calendar.matter_calendar, name="matter_calendar"),
    path("events/new/", views_calendar.event_new, name="event_new"),
    path("events/<int:pk>/", views_calendar.event_detail, name="event"),
    path("events/<int:pk>/edit/", views_calendar.event_edit, name="event_edit"),
    path("events/<int:pk>/cancel/", views_calendar.event_cancel, name="event_cancel"),
    path("events/<int:pk>/delete/", views_calendar.event_delete, name="event_delete"),
    path("contacts/search/", views_calendar.contact_search, name="contact_search"),
    path("tasks/", views_tasks.task_list, name="tasks"),
    path("tasks/new/", views_tasks.task_new, name="task_new"),
    path("tasks/<int:pk>/edit/", views_tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/complete/", views_tasks.task_complete, name="task_complete"),
    path("tasks/<int:pk>/reopen/", views_tasks.task_reopen, name="task_reopen"),
    path("tasks/<int:pk>/delete/", views_tasks.task_delete, name="task_delete"),
]

# Deadline chains and computed deadlines (views_chains).
urlpatterns += [
    path("matters/<int:pk>/chains/new/", views_chains.chain_new, name="chain_new"),
    path("chains/<int:pk>/", views_chains.chain_detail, name="chain"),
    path("chains/<int:pk>/move/", views_chains.chain_move, name="chain_move"),
    path("chains/<int:pk>/delete/", views_chains.chain_delete, name="chain_delete"),
    path("deadlines/<int:pk>/complete/", views_chains.deadline_complete, name="deadline_complete"),
    path("deadlines/<int:pk>/reopen/", views_chains.deadline_reopen, name="deadline_reopen"),
    path("deadlines/<int:pk>/delete/", views_chains.deadline_delete, name="deadline_delete"),
    path("deadlines/<int:pk>/override/", views_chains.deadline_override, name="deadline_override"),
]

# iCalendar feeds, .ics export and import (views_feeds). feeds/<token>.ics needs no session.
urlpatterns += [
    path("feeds/", views_feeds.feed_list, name="feeds"),
    path("feeds/new/", views_feeds.feed_create, name="feed_create"),
    path("feeds/<int:pk>/revoke/", views_feeds.feed_revoke, name="feed_revoke"),
    path("feeds/<str:token>.ics", views_feeds.feed_serve, name="feed"),
    path("export.ics", views_feeds.export_mine, name="export"),
    path("matters/<int:pk>/export.ics", views_feeds.export_matter, name="matter_export"),
    path("import/", views_feeds.import_page, name="import"),
]
