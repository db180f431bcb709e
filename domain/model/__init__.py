"""The pure model at the ground: workspaces, people, products, projects, tasks, decisions,
baselines, standups, notifications, chat vocabulary, calendar, clock, errors and ports."""
