"""Slack text in and out: what becomes a person or a channel, and what stays text."""

import pytest

from adapters.slack.text import from_slack, to_mrkdwn


@pytest.mark.parametrize(
    ("wire", "core"),
    [
        ("Ask <@U024BE7LH|bob> to review", "Ask @U024BE7LH to review"),
        ("Pay @vendorx invoices", "Pay ＠vendorx invoices"),  # Slack knows nobody by that name
        ("@RoleCall task list", "@RoleCall task list"),  # the bot's name typed out
        ("read <https://medium.com/@bob/post>", "read https://medium.com/@bob/post"),
        ("mail ann@example.com", "mail ann@example.com"),
        ("<!here> ship it", "＠here ship it"),
        ("Fix it @Émile", "Fix it ＠Émile"),
        ("Ask @1password and @_ops", "Ask ＠1password and ＠_ops"),
        ("@rolecall-bot task list", "＠rolecall-bot task list"),
    ],
)
def test_from_slack_makes_people_only_of_slacks_own_mentions(wire, core):
    assert from_slack(wire) == core


def test_to_mrkdwn_links_channel_ids_and_leaves_hashtags_alone():
    assert to_mrkdwn("Standup for #C024BE7LH") == "Standup for <#C024BE7LH>"
    assert to_mrkdwn("Prepare the #G7 deck for #general") == "Prepare the #G7 deck for #general"
    assert to_mrkdwn("Ask @U024BE7LH, <b>") == "Ask <@U024BE7LH>, &lt;b&gt;"
