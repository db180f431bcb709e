"""Slack: a bolt AsyncApp that translates Slack payloads into the core's chat vocabulary and
the core's replies into Block Kit."""
