"""The simple commands of a shell script, read with tree-sitter-bash.

tree-sitter-bash parses `case`, `$(( ))`, here-documents and functions that
bashlex rejects, takes microseconds a command, and never raises: on broken
shell it returns a tree with error nodes, and the commands it could read are
still reported. Commands inside `$(...)` and backticks are reported too, after
the command that holds them, because a rewrite must see what they run.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

from refactor.syntax.heredocs import marker_of
from refactor.syntax.model import Heredoc, Instruction

_PARSER = Parser(Language(tree_sitter_bash.language()))

_COMMANDS = frozenset(
    {"command", "declaration_command", "unset_command", "test_command"}
)
_ASSIGNMENTS = frozenset({"variable_assignment", "variable_assignments"})
# Nodes that can hold no command, so the walk does not descend into them.
_LEAVES = frozenset(
    {
        "word",
        "number",
        "raw_string",
        "string_content",
        "variable_name",
        "special_variable_name",
        "simple_expansion",
        "ansi_c_string",
        "comment",
        "file_descriptor",
        "heredoc_start",
        "heredoc_end",
    }
)
_HOLDS_ASSIGNMENTS = _COMMANDS | {"variable_assignments"}
_WRITES = frozenset({">", ">>", "&>", "&>>", ">|"})
_DOUBLE_QUOTE_ESCAPES = frozenset('"\\$`')
_WORD = re.compile(r"\S+")
_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh"})


@dataclass(frozen=True)
class SimpleCommand:
    """One simple command: `FOO=1 name arg... > target`, with its exact text.

    Literal words are unquoted (`"a b"` gives `a b`); a word holding an
    expansion (`$HOME/bin`, `"$(nproc)"`) is kept as written. `start` and `end`
    are character offsets in the script; `name` is None for bare assignments.
    """

    name: str | None
    arguments: tuple[str, ...]
    assignments: tuple[str, ...]
    text: str
    start: int
    end: int
    redirects: tuple[str, ...]


def commands(script: str) -> tuple[SimpleCommand, ...]:
    data = script.encode("utf-8", "surrogatepass")
    tree = _PARSER.parse(data)
    reader = _Reader(script, data)

    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in _COMMANDS:
            found.append(reader.command(node))
        elif node.type in _ASSIGNMENTS and _bare_assignment(node):
            found.append(reader.assignments(node))
        if node.type not in _LEAVES:
            stack.extend(reversed(node.named_children))
    return tuple(found)


def _bare_assignment(node: Node) -> bool:
    """`A=1` on its own, not the `A=1` prefix of a command."""
    return node.parent is None or node.parent.type not in _HOLDS_ASSIGNMENTS


def run_scripts(instruction: Instruction) -> tuple[str, ...]:
    """The shell scripts of a RUN (or ONBUILD RUN), in the order they run.

    A RUN that is a single heredoc marker runs that heredoc's body, as BuildKit
    does. A command line with heredocs (`RUN python3 <<EOF > /out`) gives the
    line with each marker blanked out (same length, so offsets still match the
    line), because tree-sitter-bash misreads a heredoc written before the
    command name; when the heredocs feed a shell (`RUN <<EOF bash`) their bodies
    follow as scripts of their own. The exec form is its argv quoted for a shell.
    """
    target = instruction.inner if instruction.keyword == "ONBUILD" else instruction
    if target is None or target.keyword != "RUN":
        return ()
    if target.exec_form is not None:
        return (shlex.join(target.exec_form),)
    if not instruction.heredocs:
        return (target.value,)

    bodies = tuple(_body(heredoc) for heredoc in instruction.heredocs)
    if marker_of(target.value) is not None:
        return bodies[:1]
    line = _WORD.sub(_blank_marker, target.value)
    return (line, *bodies) if _feeds_shell(line) else (line,)


def _blank_marker(match: re.Match[str]) -> str:
    word = match.group(0)
    return " " * len(word) if marker_of(word) is not None else word


def _body(heredoc: Heredoc) -> str:
    if not heredoc.strip_tabs:
        return heredoc.body
    return "".join(line.lstrip("\t") for line in heredoc.body.splitlines(True))


def _feeds_shell(command_line: str) -> bool:
    words = command_line.split()
    return bool(words) and words[0].rsplit("/", 1)[-1] in _SHELLS


class _Reader:
    """Turns nodes into values; maps tree-sitter's byte offsets to characters."""

    def __init__(self, script: str, data: bytes) -> None:
        self.script = script
        self.data = data
        self.ascii = len(script) == len(data)

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode(
            "utf-8", "surrogatepass"
        )

    def offset(self, byte: int) -> int:
        if self.ascii:
            return byte
        return len(self.data[:byte].decode("utf-8", "surrogatepass"))

    def command(self, node: Node) -> SimpleCommand:
        span = node
        redirects = [self.target(child) for child in node.children]
        statement = _redirected(node)
        if statement is not None:
            redirects += [self.target(child) for child in _redirects(statement)]
            if statement.start_byte == node.start_byte:
                span = statement

        name: str | None = None
        arguments: list[str] = []
        assignments: list[str] = []
        for child in node.named_children:
            # `export A=1` passes its assignment to export as an argument.
            if child.type == "variable_assignment" and node.type == "command":
                assignments.append(self.text(child))
            elif child.type == "command_name":
                name = self.word(
                    child.named_children[0] if child.named_children else child
                )
            elif child.type not in ("file_redirect", "herestring_redirect", "comment"):
                arguments.append(self.word(child))
        if node.type == "test_command":
            opening = self.text(node.children[0])
            name, arguments = (
                opening,
                self.text(node)[len(opening) : -len(opening)].split(),
            )
        elif name is None and node.type != "command":
            name = self.text(node.children[0])
        return self._simple(span, name, arguments, assignments, redirects)

    def assignments(self, node: Node) -> SimpleCommand:
        if node.type == "variable_assignment":
            texts = [self.text(node)]
        else:
            texts = [self.text(child) for child in node.named_children]
        return self._simple(node, None, [], texts, [])

    def _simple(
        self,
        span: Node,
        name: str | None,
        arguments: list[str],
        assignments: list[str],
        redirects: list[str | None],
    ) -> SimpleCommand:
        return SimpleCommand(
            name=name,
            arguments=tuple(arguments),
            assignments=tuple(assignments),
            text=self.text(span),
            start=self.offset(span.start_byte),
            end=self.offset(span.end_byte),
            redirects=tuple(target for target in redirects if target is not None),
        )

    def target(self, node: Node) -> str | None:
        """Where a `>` or `>>` redirect writes; None for other nodes."""
        if node.type != "file_redirect":
            return None
        operators = {child.type for child in node.children if not child.is_named}
        destination = node.child_by_field_name("destination")
        if destination is None or not operators & _WRITES:
            return None
        return self.word(destination)

    def word(self, node: Node) -> str:
        """A literal word unquoted; a word with any expansion as written."""
        text = self.text(node)
        if node.type in ("word", "number"):
            return _unescape(text) if "\\" in text else text
        if node.type == "raw_string":
            return text[1:-1]
        if node.type == "string":
            if all(child.type == "string_content" for child in node.named_children):
                return _unescape_double(text[1:-1])
            return text
        if node.type == "concatenation":
            parts = node.named_children
            if all(part.type in ("word", "raw_string", "string") for part in parts):
                pieces = [self.word(part) for part in parts]
                if all(_literal(part) for part in parts):
                    return "".join(pieces)
        return text


def _redirected(command: Node) -> Node | None:
    """The statement whose redirects apply to this command: `cmd > f`, `a | cmd > f`."""
    holder, parent = command, command.parent
    if parent is not None and parent.type == "pipeline":
        if parent.named_children[-1].start_byte != command.start_byte:
            return None
        holder, parent = parent, parent.parent
    if parent is None or parent.type != "redirected_statement":
        return None
    body = parent.child_by_field_name("body")
    if body is None or body.start_byte != holder.start_byte:
        return None
    return parent


def _redirects(statement: Node) -> list[Node]:
    """Redirects of a statement; tree-sitter nests those after `<<EOF` inside it."""
    found = []
    for child in statement.children:
        found.append(child)
        if child.type == "heredoc_redirect":
            found.extend(child.children)
    return found


def _literal(node: Node) -> bool:
    if node.type != "string":
        return True
    return all(child.type == "string_content" for child in node.named_children)


def _unescape(text: str) -> str:
    out = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            index += 1
            char = text[index]
            if char == "\n":
                index += 1
                continue
        out.append(char)
        index += 1
    return "".join(out)


def _unescape_double(text: str) -> str:
    out = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            if following in _DOUBLE_QUOTE_ESCAPES:
                char = following
                index += 1
            elif following == "\n":
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)
