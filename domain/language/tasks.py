"""`task …` commands."""

import re

from domain.language import commands as c
from domain.language.arguments import bounded, parse_estimate, parse_task_number
from domain.language.dates import reads_as_date
from domain.language.tokens import Token, join, split_options
from domain.language.usage import USAGE, did_you_mean
from domain.model.errors import RoleCallError
from domain.model.tasks import MAX_TITLE, Status

_STATUS_VERBS = {
    "done": Status.DONE, "finish": Status.DONE, "close": Status.DONE, "complete": Status.DONE,
    "start": Status.DOING, "doing": Status.DOING, "drop": Status.DROPPED,
    "cancel": Status.DROPPED, "reopen": Status.TODO, "todo": Status.TODO,
}  # fmt: skip
_SUBVERBS = ["add", "list", "done", "start", "drop", "reopen", "block", "unblock", "due",
             "rename", "edit", "assign", "show", "snooze", "approve", "defer"]  # fmt: skip
_LIST_FILTERS = {"mine", "my", "overdue", "late", "blocked"}
_NUMBERED_VERBS = {*_STATUS_VERBS, "block", "unblock", "due", "rename", "edit", "assign", "show",
                   "info",
                   "snooze", "later", "approve", "defer"}  # fmt: skip


def parse_task(tokens: list[Token], implicit_add: bool, plural: bool) -> c.Command:
    if not implicit_add or not tokens:
        return _parse_task(tokens, implicit_add, plural)
    try:
        return _parse_task(tokens, implicit_add, plural)
    except RoleCallError:
        if _names_a_task(tokens):
            raise  # `/task done #abc` is a mistyped command, not a task called "done #abc"
        return _task_add(tokens)  # `/task Finish the report`: a title that starts like a verb


def _names_a_task(tokens: list[Token]) -> bool:
    """A verb that takes a task number, then a number-like word: `#5`, `#abc` or `5` alone,
    or only numbers ("done 5 6"). "Start 2 new servers", "Block #general spam" and "Later"
    are titles."""
    if len(tokens) < 2 or tokens[0].word not in _NUMBERED_VERBS:
        return False
    first, rest = tokens[1].text, [t.text.lstrip("#") for t in tokens[1:]]
    if re.match(r"#[\d\W]", first) or all(r.lstrip("-").isdigit() for r in rest):
        return True
    return len(tokens) == 2 and first[:1] == "#"


def _parse_task(tokens: list[Token], implicit_add: bool, plural: bool) -> c.Command:
    sub = tokens[0].word if tokens else ("list" if implicit_add or plural else "")
    args = tokens[1:]
    if sub in ("add", "new", "create"):
        return _task_add(args)
    if sub in ("list", "ls", "show-all"):
        return _task_list(args)
    if sub in _STATUS_VERBS:
        return _each(_numbers(args, "task status"),
                     lambda n: c.ChangeTaskStatus(n, _STATUS_VERBS[sub]))  # fmt: skip
    if sub in ("unblock", "unblocked"):
        return _each(_numbers(args, "task status"),
                     lambda n: c.ChangeTaskStatus(n, Status.TODO, unblock=True))  # fmt: skip
    if sub in ("edit", "change", "update"):
        return _task_edit(args)
    if sub in ("rename", "retitle"):
        title = _title(args[1:])
        if len(args) < 2 or not title:
            raise RoleCallError("Say which task and its new title.", USAGE["task rename"])
        return c.RenameTask(parse_task_number(args[0].text),
                            bounded(title, MAX_TITLE, "title", "task rename"))  # fmt: skip
    if sub == "block":
        reason = join(args[1:])
        if not args or not reason:
            raise RoleCallError("Say which task and why it is blocked.", USAGE["task block"])
        reason = bounded(reason, 500, "reason", "task block")
        return c.ChangeTaskStatus(parse_task_number(args[0].text), Status.BLOCKED, reason)
    if sub == "due":
        if len(args) < 2:
            raise RoleCallError("Say which task and the new date.", USAGE["task due"])
        return c.RescheduleTask(parse_task_number(args[0].text), join(args[1:]))
    if sub == "assign" and len(args) > 2 and args[-1].mention:  # task assign #3 #4 @lee
        return _each(_numbers(args[:-1], "task assign"),
                     lambda n: c.AssignTask(n, args[-1].mention))  # fmt: skip
    if sub == "assign":
        person = args[1].mention if len(args) == 2 else None
        if len(args) == 2 and not person:
            nobody = args[1].text.startswith("＠")  # an @name the platform knows no one by
            raise RoleCallError(f"“{args[1].text[:40]}” is " + (
                "nobody in this workspace; pick the person from the @ list."
                if nobody else "not a person; use @name."), USAGE["task assign"])  # fmt: skip
        if not person:
            raise RoleCallError("Say which task and who takes it.", USAGE["task assign"])
        return c.AssignTask(parse_task_number(args[0].text), person)
    if sub in ("show", "info"):
        return c.ShowTask(_one_number(args, "task show"))
    if sub in ("snooze", "later"):
        return c.SnoozeTask(_one_number(args, "task snooze"))
    if sub in ("approve", "defer"):
        return c.ReviewUnplannedTask(_one_number(args, "task review"), sub == "approve")
    if implicit_add:
        return _task_add(tokens)
    if sub in _LIST_FILTERS or (tokens and tokens[0].mention):
        return _task_list(tokens)  # "tasks mine", "task @bob": a listing
    if not sub:
        raise RoleCallError("Say what to do with tasks.", USAGE["task add"])
    hint = did_you_mean(sub, _SUBVERBS)
    raise RoleCallError(
        f"Unknown task command “{tokens[0].text[:40]}”.{hint} Use {', '.join(_SUBVERBS)}.",
        USAGE["task add"],
    )


MAX_AT_ONCE = 20


def _numbers(args: list[Token], form: str) -> list[int]:
    """`#5 #17`, `5, 17`, `#5 and #17`: each once, in the order said."""
    said = [t.text.strip(",") for t in args if t.word not in ("and", "&", ",")]
    if not said or not all(said):
        raise RoleCallError("Say which task, by its number.", USAGE[form])
    if len(said) > MAX_AT_ONCE:
        raise RoleCallError(f"At most {MAX_AT_ONCE} tasks at once.", USAGE[form])
    return list(dict.fromkeys(parse_task_number(text) for text in said))


def _each(numbers: list[int], command) -> c.Command:
    return command(numbers[0]) if len(numbers) == 1 else c.Several(tuple(map(command, numbers)))


def _one_number(args: list[Token], form: str) -> int:
    if len(args) > 1 and all(a.text.lstrip("#").isdigit() for a in args):
        raise RoleCallError("One task at a time, please.", USAGE[form])
    if len(args) != 1:
        raise RoleCallError("Say which task, by its number.", USAGE[form])
    return parse_task_number(args[0].text)


def _task_add(tokens: list[Token]) -> c.AddTask:
    named = list({t.mention.lower(): t.mention for t in tokens if t.mention}.values())  # as typed
    if len(named) > 1:
        raise RoleCallError(
            f"A task has one assignee, and this names {len(named)}: @" + ", @".join(named[:5])
            + ". Quote the title if the others are part of it.", USAGE["task add"])  # fmt: skip
    words, options = _split(tokens)
    if _only_a_date(words):  # "task add due tomorrow"
        raise RoleCallError("The task needs a title.", USAGE["task add"])
    readings: list[tuple[str, str]] = []
    due_key = next((k for k in ("due", *_SOFT_DUE) if k in options), None)
    due = _value(options[due_key]) if due_key else None
    if due_key in _SOFT_DUE:
        readings.append((f"{due_key} {due}", "the due date"))
    elif due is None and (trailing := _trailing_date(tokens)) and (rest := _split(
            tokens[:-trailing]))[0]:  # fmt: skip
        (words, options), due = rest, _value([t for t in tokens[-trailing:] if _has_word(t)])
        readings.append((due, "the due date"))
    mention = options.get("@")
    assignee = mention[0].mention if mention else None
    if mention and words and words[-1].word in ("for", "to"):
        words = words[:-1]  # "Write the copy for @sam"
    if assignee is None and (inline := [t.mention for t in words if t.mention]):
        assignee = inline[0]  # "Ask @bob to review the copy" goes to bob
    if assignee and words and words[0].mention == assignee:
        words = words[1:]  # "@bob write the notes": the mention is not part of the title
    title = _title(words)
    named_for = None
    if "for" in options:  # "… for sam": sam's, if the workspace knows a sam
        name = _value(options["for"])
        named_for, title = (name, f"for {name}", title), f"{title} for {name}".strip()
    if not title:
        raise RoleCallError("The task needs a title.", USAGE["task add"])
    if len(title) > MAX_TITLE:
        raise RoleCallError(
            f"The title is {len(title):,} characters; the limit is {MAX_TITLE}.", USAGE["task add"]
        )
    return c.AddTask(
        title=title,
        assignee=assignee,
        due=due,
        project=_value(options["in"]) if "in" in options else None,
        estimate=parse_estimate(join(options["estimate"])) if "estimate" in options else None,
        readings=tuple(readings),
        named=None if assignee else (named_for or _named(words)),
    )


def _task_edit(args: list[Token]) -> c.EditTask:
    if not args:
        raise RoleCallError("Say which task and what to change.", USAGE["task edit"])
    number = parse_task_number(args[0].text)
    # The number stands where a title would: the options follow it.
    words, options = split_options(args, single=set(), multi=_ADD_OPTIONS, soft=_SOFT,
                                   valid=_valid_options,
                                   fillers=frozenset({"for", "to"}))  # fmt: skip
    if len(words) > 1 or not options or "for" in options:  # "for sam": say @sam
        raise RoleCallError("Say what to change: a due date, @person, estimate or project "
                            "(a new title: task rename).", USAGE["task edit"])  # fmt: skip
    due_key = next((k for k in ("due", *_SOFT_DUE) if k in options), None)
    return c.EditTask(
        number,
        due=_value(options[due_key]) if due_key else None,
        assignee=options["@"][0].mention if "@" in options else None,
        estimate=parse_estimate(join(options["estimate"])) if "estimate" in options else None,
        project=_value(options["in"]) if "in" in options else None,
    )


def _split(tokens: list[Token]) -> tuple[list[Token], dict[str, list[Token]]]:
    return split_options(tokens, single=set(), multi=_ADD_OPTIONS, soft=_SOFT,
                         valid=_valid_options, fillers=frozenset({"for"}))  # fmt: skip


_SOFT_DUE = frozenset({"by", "before", "on"})
_SOFT = _SOFT_DUE | {"for"}
_ADD_OPTIONS = {"due", "in", "estimate", *_SOFT}
_PUNCTUATION = ",;:.!?"
# A trailing phrase that can only be a date: "… friday", "… next wed", "… tmrw", "… 12/21".
_CLEAR_DATE = re.compile(
    r"(?:(?:next|this|on|by)\s+)?(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)"
    r"(?:day|nesday|sday|rsday|urday)?"
    r"|tomorrow|tmrw|tmr|tonight|today|eod|eow|asap|end of (?:the )?(?:day|week|month)"
    r"|\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?|\d{4}-\d{2}-\d{2}"
    r"|in (?:\d{1,3}|a|one|two|three|four|five) (?:days?|weeks?)",
    re.IGNORECASE,
)


_DUE_PHRASES = {"to", "diligence", "process", "care", "course"}  # "due to", "due diligence"
_KEEPS_ITS_DATE = {"for", "until", "till", "since", "from", "after", "every", "each"}


def _valid_options(options: dict[str, list[Token]]) -> bool:
    """`by`, `before` and `on` are options only before a date, and one due date at most;
    "due diligence" and "due to" are words of a title unless a date follows; `for` only
    before a single name."""
    if "for" in options and not (len(options["for"]) == 1 and _a_name(options["for"][0])):
        return False
    said = [k for k in ("due", *_SOFT_DUE) if k in options]
    if len(said) > 1:
        return False
    if "due" in options and options["due"][0].word in _DUE_PHRASES:
        return reads_as_date(_value(options["due"]))
    return all(reads_as_date(_value(options[k])) for k in said if k in _SOFT_DUE)


def _trailing_date(tokens: list[Token]) -> int:
    """How many of the last tokens say a date that can only be the due date (with any emoji
    after it: "… eod 🙏"), or 0. After "for", "until", … the date belongs to the title
    ("Prepare for monday")."""
    symbols = 0
    while symbols < len(tokens) and not _has_word(tokens[-1 - symbols]):
        symbols += 1
    words = tokens[: len(tokens) - symbols]
    for count in (4, 3, 2, 1):
        tail, before = words[-count:], words[-count - 1] if len(words) > count else None
        if before is None or before.word in _KEEPS_ITS_DATE:
            continue
        clear = not any(t.quoted or t.mention for t in tail) and _CLEAR_DATE.fullmatch(_value(tail))
        if clear and reads_as_date(_value(tail)):
            return count + symbols
    return 0


def _has_word(token: Token) -> bool:
    return token.quoted or any(ch.isalnum() for ch in token.text)


def _named(words: list[Token]) -> tuple[str, str, str] | None:
    """A person said by name, to be checked against the people the workspace knows:
    "… for sam" at the end, or "sam: …" at the start."""
    if len(words) > 2 and words[-2].word == "for" and _a_name(words[-1]):
        name = _value(words[-1:])
        return name, f"for {name}", _title(words[:-2])
    if len(words) > 1 and words[0].text.endswith(":") and _a_name(words[0]):
        name = words[0].text[:-1]
        return name, f"{name}:", _title(words[1:])
    return None


def _a_name(token: Token) -> bool:
    text = token.text.rstrip(",;.!?")
    return not token.quoted and bool(re.fullmatch(r"[^\W\d_][\w.\-]{0,79}:?", text))


def _value(tokens: list[Token]) -> str:
    return join(tokens).strip(_PUNCTUATION + " ")


def _title(words: list[Token]) -> str:
    """Trailing and leading commas and stops go: "fix login, due thu" is "fix login"."""
    title = join(words)
    return title if words and words[-1].quoted else title.rstrip(_PUNCTUATION + " ").lstrip(",; ")


def _only_a_date(words: list[Token]) -> bool:
    """`task add due tomorrow` is a forgotten title, not a task called "due tomorrow"."""
    # "Due diligence on the vendor" is a title
    return len(words) >= 2 and words[0].word == "due" and reads_as_date(join(words[1:]))


def _task_list(tokens: list[Token]) -> c.ListTasks:
    filters: dict = {}
    i = 0
    while i < len(tokens):
        word = tokens[i].word
        if tokens[i].mention:
            filters["person"] = tokens[i].mention
        elif word in ("mine", "my", "me"):
            filters["mine"] = True
        elif word in ("overdue", "late"):
            filters["overdue"] = True
        elif word == "blocked":
            filters["blocked"] = True
        elif word in ("done", "closed", "finished"):
            filters["done"] = True
        elif word in ("today", "tomorrow", "tmrw") or (
            word in ("this", "next") and i + 1 < len(tokens) and tokens[i + 1].word == "week"
        ):
            filters["due"] = "tomorrow" if word == "tmrw" else word
            if word in ("this", "next"):
                filters["due"], i = f"{word} week", i + 1
        elif word == "due" and i + 1 < len(tokens):
            filters["due"] = join(tokens[i + 1 :])
            break  # fmt: skip
        elif word in ("in", "for") and i + 1 < len(tokens):
            filters["project"] = join(tokens[i + 1 :])
            break
        else:
            raise RoleCallError(f"Unknown filter “{tokens[i].text[:40]}”.", USAGE["task list"])
        i += 1
    return c.ListTasks(**filters)
