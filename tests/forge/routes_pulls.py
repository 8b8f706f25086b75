"""Pull requests, their labels, issue comments, review comments and reviews."""

from __future__ import annotations

from dataclasses import replace

from tests.forge import bare
from tests.forge.records import ApiError, Pull, Review, ReviewComment
from tests.forge.routing import Call, Reply, route


@route("GET", "/repos/{owner}/{repo}/pulls")
def list_pulls(call: Call) -> Reply:
    repo = call.repo()
    state = call.query.get("state", "open")
    with call.store.lock:
        pulls = sorted(
            call.store.pulls[repo.full_name].values(), key=lambda p: -p.number
        )
    if state != "all":
        pulls = [pull for pull in pulls if pull.state == state]
    if "head" in call.query:
        owner, _, ref = call.query["head"].partition(":")
        # GitHub ignores a head filter without an owner prefix; so do we.
        if ref:
            pulls = [
                p
                for p in pulls
                if (p.head_owner.lower(), p.head_ref) == (owner.lower(), ref)
            ]
    if "base" in call.query:
        pulls = [pull for pull in pulls if pull.base_ref == call.query["base"]]
    body = [call.pull_json(pull, full=False) for pull in pulls]
    return Reply(status=200, body=body, paginate=True)


@route("POST", "/repos/{owner}/{repo}/pulls")
def create_pull(call: Call) -> Reply:
    repo = call.repo()
    if not isinstance(call.body, dict):
        raise ApiError(400, "Problems parsing JSON")
    pull = call.store.create_pull(repo, fields=call.body, user=call.login)
    body = call.pull_json(pull)
    return Reply(status=201, body=body, headers={"Location": body["url"]})


@route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}")
def get_pull(call: Call) -> Reply:
    return Reply(status=200, body=call.pull_json(_pull(call)))


@route("PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}")
def update_pull(call: Call) -> Reply:
    pull = _pull(call)
    changes: dict[str, object] = {}
    for name in ("title", "body", "base"):
        value = call.field(name)
        if isinstance(value, str):
            changes["base_ref" if name == "base" else name] = value
    state = call.field("state")
    if state in ("open", "closed") and not pull.merged:
        now = call.store.now()
        changes["state"] = state
        changes["closed_at"] = now if state == "closed" else None
    if state == "open" and pull.state == "closed":
        _check_reopen(call, pull)
    updated = call.store.update_pull(pull, **changes)
    return Reply(status=200, body=call.pull_json(updated))


@route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/merge")
def is_merged(call: Call) -> Reply:
    if not _pull(call).merged:
        raise ApiError(404, "Not Found")
    return Reply(status=204, body=None)


@route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files")
def list_pull_files(call: Call) -> Reply:
    pull = _pull(call)
    path = call.store.bare_path(pull.repo)
    head = call.store.head_sha(pull)
    if head is None:
        return Reply(status=200, body=[], paginate=True)
    base = pull.base_ref
    api = f"{call.urls.api}/repos/{pull.repo}"
    body = []
    for letter, name, added, deleted in bare.changed_files(path, base, head):
        patch = bare.file_patch(path, base, head, name)
        body.append(
            {
                "sha": head,
                "filename": name,
                "status": _STATUS.get(letter[0], "modified"),
                "additions": added,
                "deletions": deleted,
                "changes": added + deleted,
                "blob_url": f"{call.urls.web}/{pull.repo}/blob/{head}/{name}",
                "raw_url": f"{call.urls.web}/{pull.repo}/raw/{head}/{name}",
                "contents_url": f"{api}/contents/{name}?ref={head}",
                "patch": patch[patch.find("@@") :] if "@@" in patch else "",
            }
        )
    return Reply(status=200, body=body, paginate=True)


_STATUS = {"A": "added", "D": "removed", "M": "modified", "T": "changed"}


@route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def list_issue_labels(call: Call) -> Reply:
    repo = call.repo()
    pull = _pull(call, "issue_number")
    labels = [
        call.urls.label(repo, call.store.label(repo, name)) for name in pull.labels
    ]
    return Reply(status=200, body=labels, paginate=True)


@route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def add_issue_labels(call: Call) -> Reply:
    return _set_labels(call, keep=True)


@route("PUT", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def set_issue_labels(call: Call) -> Reply:
    return _set_labels(call, keep=False)


@route("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}")
def remove_issue_label(call: Call) -> Reply:
    repo = call.repo()
    pull = _pull(call, "issue_number")
    name = call.params["name"].lower()
    if name not in [label.lower() for label in pull.labels]:
        raise ApiError(404, "Label does not exist")
    kept = tuple(label for label in pull.labels if label.lower() != name)
    call.store.update_pull(pull, labels=kept)
    body = [call.urls.label(repo, call.store.label(repo, label)) for label in kept]
    return Reply(status=200, body=body)


@route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments")
def list_comments(call: Call) -> Reply:
    repo = call.repo()
    number = _pull(call, "issue_number").number
    with call.store.lock:
        found = [
            c
            for c in call.store.comments.values()
            if (c.repo, c.issue_number) == (repo.full_name, number)
        ]
    body = [call.urls.issue_comment(c, call.account(c.user)) for c in found]
    return Reply(status=200, body=body, paginate=True)


@route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments")
def create_comment(call: Call) -> Reply:
    repo = call.repo()
    body = call.field("body")
    if not isinstance(body, str):
        raise ApiError(
            422,
            "Validation Failed",
            ({"resource": "IssueComment", "code": "missing_field", "field": "body"},),
        )
    comment = call.store.add_comment(
        repo, call.number("issue_number"), body, call.login
    )
    return Reply(
        status=201, body=call.urls.issue_comment(comment, call.account(comment.user))
    )


@route("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}")
def edit_comment(call: Call) -> Reply:
    repo = call.repo()
    comment = call.store.comment(repo, call.number("comment_id"))
    body = call.field("body")
    if not isinstance(body, str):
        raise ApiError(422, "Validation Failed")
    updated = call.store.edit_comment(comment, body)
    return Reply(
        status=200, body=call.urls.issue_comment(updated, call.account(updated.user))
    )


@route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/comments")
def list_review_comments(call: Call) -> Reply:
    repo = call.repo()
    number = _pull(call).number
    with call.store.lock:
        found = [
            c
            for c in call.store.review_comments.values()
            if (c.repo, c.pull_number) == (repo.full_name, number)
        ]
    body = [call.urls.review_comment(c, call.account(c.user)) for c in found]
    return Reply(status=200, body=body, paginate=True)


@route("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/comments")
def create_review_comment(call: Call) -> Reply:
    comment = _new_review_comment(call, _pull(call), review_id=None, fields=call.body)
    return Reply(
        status=201, body=call.urls.review_comment(comment, call.account(comment.user))
    )


@route("PATCH", "/repos/{owner}/{repo}/pulls/comments/{comment_id}")
def edit_review_comment(call: Call) -> Reply:
    repo = call.repo()
    with call.store.lock:
        comment = call.store.review_comments.get(call.number("comment_id"))
    if comment is None or comment.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    body = call.field("body")
    if not isinstance(body, str):
        raise ApiError(422, "Validation Failed")
    updated = replace(comment, body=body, updated_at=call.store.now())
    call.store.add_review_comment(updated)
    return Reply(
        status=200, body=call.urls.review_comment(updated, call.account(updated.user))
    )


@route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews")
def list_reviews(call: Call) -> Reply:
    repo = call.repo()
    number = _pull(call).number
    with call.store.lock:
        found = [
            r
            for r in call.store.reviews.values()
            if (r.repo, r.pull_number) == (repo.full_name, number)
        ]
    body = [call.urls.review(r, call.account(r.user)) for r in found]
    return Reply(status=200, body=body, paginate=True)


@route("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews")
def create_review(call: Call) -> Reply:
    pull = _pull(call)
    event = call.field("event")
    states = {
        "APPROVE": "APPROVED",
        "REQUEST_CHANGES": "CHANGES_REQUESTED",
        "COMMENT": "COMMENTED",
    }
    commit_id = call.field("commit_id")
    body = call.field("body")
    review = Review(
        repo=pull.repo,
        id=call.store.next_id(),
        pull_number=pull.number,
        body=body if isinstance(body, str) else "",
        state=states.get(str(event), "PENDING"),
        commit_id=commit_id
        if isinstance(commit_id, str)
        else call.store.head_sha(pull) or "",
        user=call.login,
        submitted_at=call.store.now(),
    )
    call.store.add_review(review)
    comments = call.field("comments")
    for fields in comments if isinstance(comments, list) else []:
        _new_review_comment(
            call,
            pull,
            review_id=review.id,
            fields={"commit_id": review.commit_id, **fields},
        )
    return Reply(status=200, body=call.urls.review(review, call.account(review.user)))


def _pull(call: Call, name: str = "pull_number") -> Pull:
    return call.store.pull(call.repo(), call.number(name))


def _set_labels(call: Call, *, keep: bool) -> Reply:
    repo = call.repo()
    pull = _pull(call, "issue_number")
    wanted = call.body.get("labels") if isinstance(call.body, dict) else call.body
    if not isinstance(wanted, list) or not all(
        isinstance(name, str) for name in wanted
    ):
        raise ApiError(422, "Validation Failed")
    names = [call.store.ensure_label(repo, name).name for name in wanted]
    current = list(pull.labels) if keep else []
    merged = tuple(dict.fromkeys([*current, *names]))
    call.store.update_pull(pull, labels=merged)
    body = [call.urls.label(repo, call.store.label(repo, name)) for name in merged]
    return Reply(status=200, body=body)


def _check_reopen(call: Call, pull: Pull) -> None:
    if call.store.find_open_pull(
        call.repo(), pull.head_owner, pull.head_ref, pull.base_ref
    ):
        message = (
            f"A pull request already exists for {pull.head_owner}:{pull.head_ref}."
        )
        raise ApiError(
            422,
            "Validation Failed",
            ({"resource": "PullRequest", "code": "custom", "message": message},),
        )


def _new_review_comment(
    call: Call, pull: Pull, *, review_id: int | None, fields: object
) -> ReviewComment:
    if not isinstance(fields, dict) or not isinstance(fields.get("body"), str):
        raise ApiError(422, "Validation Failed")
    path = fields.get("path")
    if not isinstance(path, str):
        raise ApiError(
            422,
            "Validation Failed",
            (
                {
                    "resource": "PullRequestReviewComment",
                    "code": "missing_field",
                    "field": "path",
                },
            ),
        )
    line = fields.get("line", fields.get("position"))
    now = call.store.now()
    comment = ReviewComment(
        repo=pull.repo,
        id=call.store.next_id(),
        pull_number=pull.number,
        review_id=review_id,
        body=fields["body"],
        path=path,
        line=line if isinstance(line, int) else None,
        side=str(fields.get("side", "RIGHT")),
        commit_id=str(fields.get("commit_id") or call.store.head_sha(pull) or ""),
        user=call.login,
        created_at=now,
        updated_at=now,
    )
    return call.store.add_review_comment(comment)
