"""Splitting chat text into words, with quoted phrases kept whole."""

import re
import unicodedata
from dataclasses import dataclass

from domain.model.errors import RoleCallError

MAX_INPUT = 4000
_QUOTES = {'"': '"', "“": "”", "”": "”", "„": "“"}
# Single quotes quote too, but an apostrophe is not a quote: one opens a phrase only at the
# start of a word and closes it only before a space, punctuation or the end ('Load test
# checkout in staging', ‘Fix it’); left unclosed, it is just a character ('tis).
_SINGLE_QUOTES = {"'": "'", "‘": "’", "’": "’"}
_SINGLE_CLOSE = re.compile(r"(?=[\s,.;:!?)]|$)")
_MENTION = re.compile(r"@([\w.\-]{1,80})", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    quoted: bool = False

    @property
    def word(self) -> str:
        """The token as a keyword: lower case, unless it was quoted (then it is never one)."""
        return "" if self.quoted else self.text.lower()

    @property
    def mention(self) -> str | None:
        """The handle of an `@name` token, trailing punctuation ignored."""
        match = None if self.quoted else _MENTION.fullmatch(self.text.rstrip(",.;:!?)"))
        return match.group(1).rstrip(".-") or None if match else None


def clean(text: str) -> str:
    """Control characters out, newlines kept, so nothing invisible reaches the database."""
    if len(text) > MAX_INPUT:
        raise RoleCallError(
            f"That message is {len(text):,} characters long; the limit is {MAX_INPUT:,}.",
            "help",
        )
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    ).strip()


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in _SINGLE_QUOTES and (end := _single_quote_end(text, i)) > 0:
            tokens.append(Token(" ".join(text[i + 1 : end].split()), quoted=True))
            i = end + 1
        elif ch in _QUOTES:
            end = text.find(_QUOTES[ch], i + 1)
            if ch == '"' and end < 0:
                raise RoleCallError(
                    "A quote is not closed.", 'wrap a phrase in two quotes: "Fix bug in login"'
                )
            end = n if end < 0 else end
            tokens.append(Token(" ".join(text[i + 1 : end].split()), quoted=True))
            i = end + 1
        else:
            start = i
            while i < n and not text[i].isspace():
                i += 1
            tokens.append(Token(text[start:i]))
    return tokens


def _single_quote_end(text: str, start: int) -> int:
    """Where the single quote opened at `start` closes, or -1 when it opens nothing."""
    close = _SINGLE_QUOTES[text[start]]
    at = start
    while (at := text.find(close, at + 1)) > start + 1:
        if _SINGLE_CLOSE.match(text, at + 1):
            return at
    return -1


def join(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens).strip()


def split_options(
    tokens: list[Token],
    single: set[str],
    multi: set[str],
    soft: frozenset[str] = frozenset(),
    valid=None,
    fillers: frozenset[str] = frozenset(),
) -> tuple[list[Token], dict[str, list[Token]]]:
    """Split `<words> [keyword value]...` at the earliest point where the rest is all options.

    `single` keywords take one token, `multi` keywords take tokens up to the next keyword, and
    a bare `@name` is an option of its own (key "@"). Words before the split stay literal, so
    "Write tests in pytest due friday" reads `in pytest` as an option: quoting keeps it literal.
    `soft` keywords (also in `multi`) are options only where `valid(options)` accepts the
    reading ("by friday" is a date, "by legal" is not): otherwise the split moves on. A
    `fillers` keyword right before an `@name` is a word of the option ("for @sam").
    """
    if tokens and (tokens[-1].word in single or tokens[-1].word in multi - soft):
        raise RoleCallError(
            f"“{tokens[-1].text}” at the end needs a value after it — or quote the name or title "
            "that ends with that word."
        )
    for start in range(1, len(tokens) + 1):
        options = _read_options(tokens[start:], single, multi, fillers)
        if options is not None and (valid is None or valid(options)):
            return tokens[:start], options
    return tokens, {}


def _read_options(tokens, single, multi, fillers=frozenset()) -> dict[str, list[Token]] | None:
    options: dict[str, list[Token]] = {}
    i = 0
    while i < len(tokens):
        key = "@" if tokens[i].mention else tokens[i].word
        if key in fillers and i + 1 < len(tokens) and tokens[i + 1].mention:
            i += 1
            continue
        if key in options:
            return None  # a repeated keyword is part of the title: "Write due diligence due fri"
        if key == "@":
            options[key], i = [tokens[i]], i + 1
        elif key in single and i + 1 < len(tokens):
            options[key], i = [tokens[i + 1]], i + 2
        elif key in multi:
            end = i + 1
            if key == "due" and end < len(tokens) and tokens[end].word == "in":
                end += 1  # "due in 3 days": this `in` belongs to the date
            while end < len(tokens) and not _is_keyword(tokens[end], single, multi):
                end += 1
            if end == i + 1:
                return None
            options[key], i = tokens[i + 1 : end], end
        else:
            return None
    return options


def _is_keyword(token: Token, single: set[str], multi: set[str]) -> bool:
    return bool(token.mention) or token.word in single or token.word in multi
