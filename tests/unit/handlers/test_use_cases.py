"""The use cases on in-memory fakes: no database, no platform."""

from datetime import timedelta

import pytest

from domain.delivery.scheduler import Pass
from domain.model.calendar import show_day
from domain.model.tasks import Status
from tests.support import at, day, iso, set_up_store


def test_a_task_without_a_person_goes_to_whoever_logged_it(fake_chat, fake_uow):
    fake_chat.ok("task add Write the changelog")
    [task] = fake_uow.tasks.items
    assert fake_uow.people.get(task.assignee_id).handle == "erin"


def test_task_numbers_count_per_workspace(fake_chat, fake_uow):
    fake_chat.ok("task add One")
    fake_chat.ok("task add Two")
    fake_chat.ok("task add Other", workspace="beta")
    assert [t.number for t in fake_uow.tasks.items] == [1, 2, 1]


def test_people_are_created_on_first_mention(fake_chat, fake_uow):
    fake_chat.ok("task add Review @zoe")
    fake_chat.ok("task add Review again @zoe")
    assert [p.handle for p in fake_uow.people.items] == ["erin", "zoe"]


def test_a_natural_due_date_is_read_in_the_speakers_time_zone(fake_chat, fake_uow):
    fake_chat.ok("timezone Pacific/Kiritimati")  # UTC+14: already Friday 00:00 there
    fake_chat.ok("task add Ship it due tomorrow")
    assert str(fake_uow.tasks.items[0].due_on) == iso(2)


def test_who_owns_names_role_and_person_on_the_first_line(fake_chat):
    set_up_store(fake_chat)
    first, *rest = fake_chat.ok("who owns what KPI should we track for onboarding").splitlines()
    assert first == "Owner: the product manager, @alice (Web Store)."
    assert any(line.startswith("Why:") for line in rest)
    assert any(line.startswith("Consult:") for line in rest)


def test_who_owns_reads_a_trailing_in_as_context_only_when_it_names_something(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok("project add Mobile for Web Store pm @mia")
    answer = fake_chat.ok("who owns the schedule in Mobile").splitlines()[0]
    assert "@mia (Mobile)" in answer
    answer = fake_chat.ok("who owns the schedule slip in March").splitlines()[0]
    assert "project manager" in answer and "@mia" not in answer


def test_a_decision_by_someone_else_is_proposed_and_names_the_owner(fake_chat, fake_uow):
    set_up_store(fake_chat)
    reply = fake_chat.ok("decision log Sunset the legacy API next year", user="bob")
    assert "proposed" in reply and "@alice" in reply
    assert fake_uow.decisions.items[0].status == "proposed"


def test_an_unplanned_task_queues_a_notice_for_the_project_manager(fake_chat, fake_uow):
    set_up_store(fake_chat)
    fake_chat.ok("project baseline Checkout")
    fake_chat.ok("task add Surprise in Checkout", user="bob")
    [notice] = fake_uow.outbox.items
    assert (notice.to, notice.kind) == ("@dave", "unplanned")


def test_deferring_an_unplanned_task_drops_it(fake_chat, fake_uow):
    set_up_store(fake_chat)
    fake_chat.ok("project baseline Checkout")
    fake_chat.ok("task add Surprise in Checkout", user="bob")
    fake_chat.ok("task defer #1", user="dave")
    assert fake_uow.tasks.items[0].status == Status.DROPPED


def test_a_deferred_task_is_approved_only_after_it_is_reopened(fake_chat, fake_uow):
    set_up_store(fake_chat)
    fake_chat.ok("project baseline Checkout")
    fake_chat.ok("task add Surprise in Checkout", user="bob")
    fake_chat.ok("task defer #1", user="dave")
    assert "reopen it first: task reopen #1" in fake_chat.fails("task approve #1", user="dave")
    assert "already dropped" in fake_chat.fails("task defer #1", user="dave")
    fake_chat.ok("task reopen #1", user="dave")
    assert "Approved #1 into scope" in fake_chat.ok("task approve #1", user="dave")
    assert fake_uow.tasks.items[0].status == Status.TODO


def test_a_scheduler_pass_on_fakes_queues_the_day_before_reminder(fake_chat, fake_uow, clock):
    fake_chat.ok(f"task add Ship it @bob due {iso(1)}")
    queued = Pass(fake_uow, clock.now()).run()
    assert queued == 1 and fake_uow.outbox.items[0].to == "@bob"
    assert Pass(fake_uow, clock.now() + timedelta(hours=1)).run() == 0


def test_help_fits_a_screen_and_teaches_by_example(fake_chat):
    first = fake_chat.ok("help")
    assert len(first.splitlines()) <= 16 and "task add Write the release notes" in first
    assert "help task" in first and "who owns can we push" in first
    everything = fake_chat.ok("help all")
    assert "who owns <question>" in everything and "standup at <HH:MM>" in everything
    assert "No help on" not in everything
    assert fake_chat.ok("help standup").startswith("standup at")


@pytest.mark.parametrize("topic", ["owners", "role", "me", "timezone", "help", "decisions"])
def test_every_topic_that_help_offers_has_its_own_help(fake_chat, topic):
    assert "No help on" not in fake_chat.ok(f"help {topic}")
    offered = fake_chat.ok("help help")
    assert topic.removesuffix("s") in offered


def test_help_on_owners_lists_the_area_names_it_accepts(fake_chat):
    assert "Areas: vision, client-needs," in fake_chat.ok("help owners")


def test_the_words_of_a_named_project_do_not_sway_the_area(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok("project add iOS Beta Launch for Web Store pm @diego")
    first = fake_chat.ok("who owns the timeline in iOS Beta Launch").splitlines()[0]
    assert first == "Owner: the project manager, @diego (iOS Beta Launch)."


def test_a_project_or_product_named_anywhere_in_the_question_is_its_subject(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok("project add Payments v2 pm @sofia")
    fake_chat.ok("product add Ledger API pm @tomas")
    first = fake_chat.ok("who decides the payments V2 deadline?").splitlines()[0]
    assert first == "Owner: the project manager, @sofia (Payments v2)."
    first = fake_chat.ok("who owns the roadmap for Ledger API").splitlines()[0]
    assert first == "Owner: the product manager, @tomas (Ledger API)."


def test_a_question_naming_a_project_and_a_product_is_about_the_project(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok("product add Pulse Analytics Suite pm @nadia")
    first = fake_chat.ok("who owns the Checkout timeline given Pulse Analytics Suite limits")
    assert first.splitlines()[0] == "Owner: the project manager, @dave (Checkout)."


def test_a_named_product_is_taken_out_of_the_question_only_as_a_whole_word(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok("product add Pay pm @pia")
    answer = fake_chat.ok("who owns the Payroll budget for Pay")
    assert "Area: budget" in answer  # not "roll budget", nor the lifecycle of "Pay"


def test_a_one_word_name_counts_only_as_written(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok("project add Budget pm @bea")
    fake_chat.ok("project use Checkout")
    assert "@dave (Checkout)" in fake_chat.ok("who owns the budget").splitlines()[0]
    first = fake_chat.ok("who owns the Budget timeline").splitlines()[0]
    assert first == "Owner: the project manager, @bea (Budget)."
    first = fake_chat.ok("who owns Budget approvals for contractors").splitlines()[0]
    assert "(Budget)" in first


def test_an_unsure_answer_asks_both_managers_to_agree_only_when_they_differ(fake_chat):
    set_up_store(fake_chat)
    same = fake_chat.ok("who owns the demo")  # process or timeline: the project manager's
    assert "Both managers should agree" not in same and "the same owner" in same
    differ = fake_chat.ok("who owns the release date of the product")  # lifecycle or timeline
    assert "Not sure: it may be timeline" in differ and "Both managers should agree" in differ


def test_a_decision_is_stored_without_the_in_that_named_its_project(fake_chat, fake_uow):
    set_up_store(fake_chat)
    fake_chat.ok("decision log Use dbt for all transforms in Checkout", user="dave")
    assert fake_uow.decisions.items[0].text == "Use dbt for all transforms"


def test_who_owns_with_only_a_context_asks_for_a_question(fake_chat):
    set_up_store(fake_chat)
    assert "Ask a question" in fake_chat.fails("who owns in Checkout")


def test_a_question_naming_no_area_gets_both_managers_not_a_guess(fake_chat):
    set_up_store(fake_chat)
    reply = fake_chat.ok("who owns 🚀🚀🚀")
    assert reply.startswith("Owner: unclear")
    assert "@alice" in reply and "@dave" in reply


def test_me_shows_my_tasks_decisions_waiting_for_me_and_my_roles(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok(f"task add Mine @alice due {iso(1)}")
    fake_chat.ok("decision log Launch in April", user="bob")
    mine = fake_chat.ok("me", user="alice")
    assert "#1 Mine" in mine and "D1 “Launch in April”" in mine
    assert "product manager of Web Store" in mine


def test_a_retried_delivery_is_handled_once(fake_chat, fake_uow):
    from domain.model.chat import Message

    message = Message("slack", "T1", "U1", "C1", "task add Once only", delivery_id="Ev1")
    first = fake_chat.service.handle(message)
    again = fake_chat.service.handle(message)
    assert first.ok and again.duplicate and len(fake_uow.tasks.items) == 1


def test_only_the_current_manager_hands_a_role_over(fake_chat):
    set_up_store(fake_chat)
    assert "Only @alice or @dave" in fake_chat.fails("role @erin project-manager Checkout")
    assert "Only @alice or @dave" in fake_chat.fails("project update Checkout pm @erin")
    assert "@erin is now the project manager" in fake_chat.ok(
        "role @erin project-manager Checkout", user="dave")  # fmt: skip


def test_a_baseline_is_replaced_only_by_the_projects_managers(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok("project baseline Checkout")  # the first one: anyone may take it
    assert "Only @alice or @dave can replace" in fake_chat.fails("project baseline Checkout")
    assert "It replaces the baseline of" in fake_chat.ok("project baseline Checkout", user="dave")


def test_snooze_reminds_again_a_day_from_now_never_sooner_than_planned(fake_chat, fake_uow):
    fake_chat.ok(f"task add Ship it @bob due {iso(1)}")  # tomorrow: its reminder is due now
    assert f"comes {show_day(day(1))}." in fake_chat.ok("task snooze #1", user="bob")
    assert fake_uow.tasks.items[0].remind_at == at(1, "10:00")
    fake_chat.ok(f"task add Later @bob due {iso(6)}")  # reminded on the Tuesday before
    planned = fake_uow.tasks.items[1].remind_at
    assert f"comes {show_day(day(5))}." in fake_chat.ok("task snooze #2", user="bob")
    assert fake_uow.tasks.items[1].remind_at == planned


def test_a_duplicate_name_is_refused_with_the_name_as_stored(fake_chat):
    fake_chat.ok("product add Harbor Mobile")
    assert "already a product Harbor Mobile." in fake_chat.fails("product add harbor mobile")


def test_drift_shares_are_rounded_down_so_they_agree_with_the_level(fake_chat):
    fake_chat.ok("project add Big")
    for n in range(21):
        fake_chat.ok(f"task add Planned {n} in Big")
    fake_chat.ok("project baseline Big")
    fake_chat.ok("task add Surprise in Big")
    fake_chat.ok("task add Another in Big")  # 2 of 21: 9.5 %, still under amber's 10 %
    assert "OK — 9% of 21" in fake_chat.ok("project drift Big")
    fake_chat.ok("task add A third in Big")  # 3 of 21: 14.3 %
    assert "AMBER — 14% of 21" in fake_chat.ok("project drift Big")


def test_a_closed_task_moves_only_by_reopening_it(fake_chat, fake_uow):
    fake_chat.ok("task add Ship it")
    fake_chat.ok("task done #1")
    assert "is done. To work on it again: task reopen #1" in fake_chat.fails("task start #1")
    fake_chat.ok("task add Other")
    fake_chat.ok("task drop #2")
    assert "is dropped" in fake_chat.fails("task done #2")
    fake_chat.ok("task reopen #1")
    assert "already open" in fake_chat.ok("task reopen #1")
    assert fake_chat.ok("task start #1").startswith("Started")
    assert "already in progress" in fake_chat.ok("task start #1")


def test_a_decision_logged_in_a_product_says_the_product(fake_chat):
    set_up_store(fake_chat)  # Web Store, whose only project is Checkout
    assert "logged for Web Store" in fake_chat.ok("decision log Drop the gift cards in Web Store")
    assert "logged for Checkout" in fake_chat.ok("decision log Move the QA day in Checkout")


def test_a_metric_without_a_target_is_named_as_such(fake_chat):
    fake_chat.ok("product add Harbor Mobile")
    assert "Say the metric's name and its target" in fake_chat.fails(
        "product metric Harbor Mobile nps"
    )
    assert "metric nps, target 50" in fake_chat.ok("product metric Harbor Mobile nps 50")


def test_a_decision_logged_without_a_project_can_be_confirmed_by_a_holder_of_its_role(fake_chat):
    fake_chat.ok("product add Ledger pm @nadia")
    fake_chat.ok("product add Pulse pm @omar")
    logged = fake_chat.ok("decision log The launch moves to June area lifecycle", user="bob")
    assert "as proposed" in logged
    assert "Only the product manager (@nadia or @omar)" in fake_chat.fails(
        "decision confirm D1", user="bob")  # fmt: skip
    assert "Confirmed D1" in fake_chat.ok("decision confirm D1", user="nadia")


def test_decisions_are_listed_by_product_too(fake_chat):
    set_up_store(fake_chat)  # Web Store, and its project Checkout
    fake_chat.ok("decision log Drop gift cards in Web Store", user="alice")
    fake_chat.ok("decision log Move QA day in Checkout", user="dave")
    listing = fake_chat.ok("decision list in Web Store")
    assert listing.startswith("Decisions in Web Store") and "D1" in listing and "D2" in listing


def test_a_product_constraint_can_be_lifted_or_an_out_of_scope_area_removed(fake_chat, fake_uow):
    set_up_store(fake_chat)  # Web Store: release-by, budget 80k, "mobile app" out of scope
    fake_chat.ok('product constraint Web Store out-of-scope "crypto"')
    assert "no longer out of scope" in fake_chat.ok(
        'product constraint Web Store out-of-scope remove "mobile app"')  # fmt: skip
    assert "is not out of scope" in fake_chat.fails(
        "product constraint Web Store out-of-scope remove tea")  # fmt: skip
    fake_chat.ok("product constraint Web Store release-by none")
    fake_chat.ok("product constraint Web Store budget none")
    [product] = fake_uow.products.items
    assert (product.release_by, product.budget_cap, product.out_of_scope) == (
        None,
        None,
        ["crypto"],
    )
    assert "value" in fake_chat.fails('product constraint Web Store out-of-scope ""')


def test_a_constraint_consult_reads_as_a_condition_not_a_contradiction(fake_chat):
    set_up_store(fake_chat)
    consult = fake_chat.ok("who owns the Checkout timeline").splitlines()[3]
    assert consult == ("Consult: only the product manager, @alice (Web Store) if it touches "
                       "Web Store's release-by date or budget cap.")  # fmt: skip


def test_project_show_says_where_its_scope_stands(fake_chat):
    set_up_store(fake_chat)  # Checkout ends two weeks before Web Store's release-by
    assert "Scope: no baseline yet." in fake_chat.ok("project show Checkout")
    fake_chat.ok("task add Planned in Checkout")
    fake_chat.ok("project baseline Checkout", user="dave")
    fake_chat.ok("task add Surprise in Checkout")
    shown = fake_chat.ok("project show Checkout")
    assert "Scope: RED — 100% of 1 baselined task: 1 added" in shown
    assert shown.endswith("Details: project drift Checkout")


def test_a_name_inside_a_longer_name_is_not_said_on_its_own(fake_chat):
    fake_chat.ok("product add Ledger API pm @tomas")
    fake_chat.ok("project add Ledger pm @dave")
    first = fake_chat.ok("who owns the roadmap for Ledger API").splitlines()[0]
    assert first == "Owner: the product manager, @tomas (Ledger API)."
    first = fake_chat.ok("who owns the timeline: the Ledger API is late for Ledger").splitlines()[0]
    assert first == "Owner: the project manager, @dave (Ledger)."  # said on its own later
    first = fake_chat.ok("who owns the timeline: the Ledger API is late for Ledger").splitlines()[0]
    assert first == "Owner: the project manager, @dave (Ledger)."  # said on its own later


def test_a_decision_is_confirmed_by_its_projects_manager_when_it_had_none(fake_chat):
    fake_chat.ok("project add Alpha")
    fake_chat.ok("project add Beta pm @yuri")
    fake_chat.ok("decision log Ship on Friday area timeline in Alpha", user="bob")
    fake_chat.ok("role @xena project-manager Alpha")
    assert "(@xena)" in fake_chat.fails("decision confirm D1", user="yuri")
    assert "Confirmed D1" in fake_chat.ok("decision confirm D1", user="xena")


def test_approving_an_approved_task_says_it_is_already_in_scope(fake_chat):
    set_up_store(fake_chat)
    fake_chat.ok("project baseline Checkout")
    fake_chat.ok("task add Surprise in Checkout", user="bob")
    fake_chat.ok("task approve #1", user="dave")
    assert "already in the scope of Checkout" in fake_chat.fails("task approve #1", user="dave")


def test_whose_call_asked_without_who_gets_the_who_owns_answer(fake_chat):
    set_up_store(fake_chat)
    answer = fake_chat.ok("is the project schedule marco's call or priya's?")
    assert answer.startswith("Owner: the project manager, @dave")
    answer = fake_chat.ok("should priya or marco decide the pricing page copy for Web Store?")
    assert answer.startswith("Owner: the product manager, @alice")


def test_unblock_reopens_only_a_blocked_task(fake_chat, fake_uow):
    fake_chat.ok("task add Draft the contract")
    assert "is not blocked (it is open)" in fake_chat.ok("task unblock #1")
    fake_chat.ok("task block #1 waiting on legal")
    assert fake_chat.ok("task unblocked #1") == "Unblocked: #1 “Draft the contract”"
    task = fake_uow.tasks.items[0]
    assert task.status == "todo" and not task.blocked_reason
    assert "unblock <#n>" in fake_chat.fails("task unblock")


def test_task_show_shows_the_due_day_itself(fake_chat):
    fake_chat.ok(f"task add Ship it due {iso(4)}")
    assert f"Due {day(4):%a} {day(4).day} {day(4):%b}" in fake_chat.ok("task show #1")
