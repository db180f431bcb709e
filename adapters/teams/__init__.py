"""Microsoft Teams: a botbuilder CloudAdapter bot, Adaptive Cards, proactive delivery."""
