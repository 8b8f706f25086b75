"""GitHub-shaped JSON for the forge's records, every URL built from its own address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tests.forge.records import (
    Account,
    App,
    Comment,
    Installation,
    Label,
    Pull,
    Repo,
    Review,
    ReviewComment,
)

Json = dict[str, Any]

_REPO_TEMPLATES = {
    "archive_url": "/{archive_format}{/ref}",
    "assignees_url": "/assignees{/user}",
    "blobs_url": "/git/blobs{/sha}",
    "branches_url": "/branches{/branch}",
    "collaborators_url": "/collaborators{/collaborator}",
    "comments_url": "/comments{/number}",
    "commits_url": "/commits{/sha}",
    "compare_url": "/compare/{base}...{head}",
    "contents_url": "/contents/{+path}",
    "contributors_url": "/contributors",
    "deployments_url": "/deployments",
    "downloads_url": "/downloads",
    "events_url": "/events",
    "forks_url": "/forks",
    "git_commits_url": "/git/commits{/sha}",
    "git_refs_url": "/git/refs{/sha}",
    "git_tags_url": "/git/tags{/sha}",
    "hooks_url": "/hooks",
    "issue_comment_url": "/issues/comments{/number}",
    "issue_events_url": "/issues/events{/number}",
    "issues_url": "/issues{/number}",
    "keys_url": "/keys{/key_id}",
    "labels_url": "/labels{/name}",
    "languages_url": "/languages",
    "merges_url": "/merges",
    "milestones_url": "/milestones{/number}",
    "notifications_url": "/notifications{?since,all,participating}",
    "pulls_url": "/pulls{/number}",
    "releases_url": "/releases{/id}",
    "stargazers_url": "/stargazers",
    "statuses_url": "/statuses/{sha}",
    "subscribers_url": "/subscribers",
    "subscription_url": "/subscription",
    "tags_url": "/tags",
    "teams_url": "/teams",
    "trees_url": "/git/trees{/sha}",
}


def timestamp(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(int(seconds), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, kw_only=True)
class Urls:
    api: str  # http://127.0.0.1:PORT/api/v3
    web: str  # http://127.0.0.1:PORT

    def user(self, account: Account) -> Json:
        api = f"{self.api}/users/{account.login}"
        return {
            "login": account.login,
            "id": account.id,
            "node_id": f"U_{account.id}",
            "avatar_url": f"{self.web}/avatars/{account.login}",
            "gravatar_id": "",
            "url": api,
            "html_url": f"{self.web}/{account.login}",
            "followers_url": f"{api}/followers",
            "following_url": f"{api}/following{{/other_user}}",
            "gists_url": f"{api}/gists{{/gist_id}}",
            "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{api}/subscriptions",
            "organizations_url": f"{api}/orgs",
            "repos_url": f"{api}/repos",
            "events_url": f"{api}/events{{/privacy}}",
            "received_events_url": f"{api}/received_events",
            "type": account.kind,
            "site_admin": False,
        }

    def private_user(self, account: Account, public_repos: int) -> Json:
        return {
            **self.public_user(account, public_repos),
            "private_gists": 0,
            "total_private_repos": 0,
            "owned_private_repos": 0,
            "disk_usage": 0,
            "collaborators": 0,
            "two_factor_authentication": False,
        }

    def public_user(self, account: Account, public_repos: int) -> Json:
        created = timestamp(0)
        return {
            **self.user(account),
            **dict.fromkeys(
                ("name", "company", "blog", "location", "email", "bio"), None
            ),
            "blog": "",
            "hireable": None,
            "public_repos": public_repos,
            "public_gists": 0,
            "followers": 0,
            "following": 0,
            "created_at": created,
            "updated_at": created,
        }

    def commit(self, full_name: str, info: dict[str, str]) -> Json:
        api = f"{self.api}/repos/{full_name}"
        url = f"{api}/commits/{info['sha']}"
        parents = info["parents"].split()
        people = {
            role: {
                "name": info[role],
                "email": info[f"{role}_email"],
                "date": info[f"{role}_date"],
            }
            for role in ("author", "committer")
        }
        return {
            "url": url,
            "sha": info["sha"],
            "node_id": f"C_{info['sha']}",
            "html_url": f"{self.web}/{full_name}/commit/{info['sha']}",
            "comments_url": f"{url}/comments",
            "commit": {
                "url": f"{api}/git/commits/{info['sha']}",
                **people,
                "message": info["message"],
                "comment_count": 0,
                "tree": {"sha": info["tree"], "url": f"{api}/git/trees/{info['tree']}"},
            },
            # GitHub sends null where no account owns the commit's e-mail address.
            "author": None,
            "committer": None,
            "parents": [{"sha": sha, "url": f"{api}/commits/{sha}"} for sha in parents],
        }

    def organization(self, account: Account, public_repos: int) -> Json:
        api = f"{self.api}/orgs/{account.login}"
        created = timestamp(0)
        return {
            "login": account.login,
            "id": account.id,
            "node_id": f"O_{account.id}",
            "url": api,
            "repos_url": f"{api}/repos",
            "events_url": f"{api}/events",
            "hooks_url": f"{api}/hooks",
            "issues_url": f"{api}/issues",
            "members_url": f"{api}/members{{/member}}",
            "public_members_url": f"{api}/public_members{{/member}}",
            "avatar_url": f"{self.web}/avatars/{account.login}",
            "description": None,
            "html_url": f"{self.web}/{account.login}",
            "has_organization_projects": False,
            "has_repository_projects": False,
            "public_repos": public_repos,
            "public_gists": 0,
            "followers": 0,
            "following": 0,
            "type": "Organization",
            "created_at": created,
            "updated_at": created,
            "archived_at": None,
        }

    def repository(
        self, repo: Repo, owner: Account, *, clone_url: str, size: int
    ) -> Json:
        api = f"{self.api}/repos/{repo.full_name}"
        created = timestamp(repo.created_at)
        templated = {key: f"{api}{suffix}" for key, suffix in _REPO_TEMPLATES.items()}
        return {
            "id": repo.id,
            "node_id": f"R_{repo.id}",
            "name": repo.name,
            "full_name": repo.full_name,
            "owner": self.user(owner),
            "private": repo.private,
            "visibility": "private" if repo.private else "public",
            "html_url": f"{self.web}/{repo.full_name}",
            "description": repo.description,
            "fork": repo.fork,
            "url": api,
            **templated,
            "clone_url": clone_url,
            "git_url": clone_url,
            "ssh_url": clone_url,
            "svn_url": f"{self.web}/{repo.full_name}",
            "mirror_url": None,
            "homepage": None,
            "language": None,
            "size": size,
            "default_branch": repo.default_branch,
            "forks": 0,
            "forks_count": 0,
            "stargazers_count": 0,
            "watchers": 0,
            "watchers_count": 0,
            "subscribers_count": 0,
            "network_count": 0,
            "open_issues": 0,
            "open_issues_count": 0,
            "has_issues": True,
            "has_projects": False,
            "has_wiki": False,
            "has_pages": False,
            "has_downloads": False,
            "has_discussions": False,
            "archived": repo.archived,
            "disabled": False,
            "is_template": False,
            "topics": [],
            "license": None,
            "pushed_at": created,
            "created_at": created,
            "updated_at": created,
            "permissions": {
                "admin": True,
                "maintain": True,
                "push": True,
                "triage": True,
                "pull": True,
            },
            "allow_forking": True,
            "web_commit_signoff_required": False,
        }

    def label(self, repo: Repo, label: Label) -> Json:
        return {
            "id": label.id,
            "node_id": f"LA_{label.id}",
            "url": f"{self.api}/repos/{repo.full_name}/labels/{label.name}",
            "name": label.name,
            "description": label.description,
            "color": label.color,
            "default": False,
        }

    def pull_request(
        self,
        pull: Pull,
        *,
        user: Account,
        labels: list[Json],
        head: Json,
        base: Json,
        full: bool,
    ) -> Json:
        api = f"{self.api}/repos/{pull.repo}"
        html = f"{self.web}/{pull.repo}/pull/{pull.number}"
        number_api = f"{api}/pulls/{pull.number}"
        issue_api = f"{api}/issues/{pull.number}"
        statuses = f"{api}/statuses/{head['sha']}"
        payload: Json = {
            "url": number_api,
            "id": pull.id,
            "node_id": f"PR_{pull.id}",
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "issue_url": issue_api,
            "commits_url": f"{number_api}/commits",
            "review_comments_url": f"{number_api}/comments",
            "review_comment_url": f"{api}/pulls/comments{{/number}}",
            "comments_url": f"{issue_api}/comments",
            "statuses_url": statuses,
            "number": pull.number,
            "state": pull.state,
            "locked": False,
            "title": pull.title,
            "user": self.user(user),
            "body": pull.body,
            "labels": labels,
            "milestone": None,
            "active_lock_reason": None,
            "created_at": timestamp(pull.created_at),
            "updated_at": timestamp(pull.updated_at),
            "closed_at": timestamp(pull.closed_at),
            "merged_at": timestamp(pull.merged_at),
            "merge_commit_sha": pull.merge_commit_sha,
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [],
            "requested_teams": [],
            "head": head,
            "base": base,
            "_links": {
                "self": {"href": number_api},
                "html": {"href": html},
                "issue": {"href": issue_api},
                "comments": {"href": f"{issue_api}/comments"},
                "review_comments": {"href": f"{number_api}/comments"},
                "review_comment": {"href": f"{api}/pulls/comments{{/number}}"},
                "commits": {"href": f"{number_api}/commits"},
                "statuses": {"href": statuses},
            },
            "author_association": "OWNER",
            "auto_merge": None,
            "draft": pull.draft,
        }
        if full:
            payload.update(
                merged=pull.merged,
                mergeable=None if pull.state == "closed" else True,
                rebaseable=None,
                mergeable_state="unknown" if pull.state == "closed" else "clean",
                merged_by=self.user(user) if pull.merged else None,
                comments=0,
                review_comments=0,
                maintainer_can_modify=pull.maintainer_can_modify,
                commits=1,
                additions=0,
                deletions=0,
                changed_files=0,
            )
        return payload

    def branch_ref(
        self, *, label: str, ref: str, sha: str, user: Account, repo: Json
    ) -> Json:
        return {
            "label": label,
            "ref": ref,
            "sha": sha,
            "user": self.user(user),
            "repo": repo,
        }

    def issue_comment(self, comment: Comment, user: Account) -> Json:
        api = f"{self.api}/repos/{comment.repo}"
        pull_html = f"{self.web}/{comment.repo}/pull/{comment.issue_number}"
        return {
            "id": comment.id,
            "node_id": f"IC_{comment.id}",
            "url": f"{api}/issues/comments/{comment.id}",
            "html_url": f"{pull_html}#issuecomment-{comment.id}",
            "issue_url": f"{api}/issues/{comment.issue_number}",
            "body": comment.body,
            "user": self.user(user),
            "created_at": timestamp(comment.created_at),
            "updated_at": timestamp(comment.updated_at),
            "author_association": "OWNER",
        }

    def review_comment(self, comment: ReviewComment, user: Account) -> Json:
        api = f"{self.api}/repos/{comment.repo}"
        pull_api = f"{api}/pulls/{comment.pull_number}"
        pull_html = f"{self.web}/{comment.repo}/pull/{comment.pull_number}"
        html = f"{pull_html}#discussion_r{comment.id}"
        return {
            "url": f"{api}/pulls/comments/{comment.id}",
            "pull_request_review_id": comment.review_id,
            "id": comment.id,
            "node_id": f"PRRC_{comment.id}",
            "diff_hunk": "@@ -1 +1 @@",
            "path": comment.path,
            "position": comment.line,
            "original_position": comment.line,
            "commit_id": comment.commit_id,
            "original_commit_id": comment.commit_id,
            "user": self.user(user),
            "body": comment.body,
            "created_at": timestamp(comment.created_at),
            "updated_at": timestamp(comment.updated_at),
            "html_url": html,
            "pull_request_url": pull_api,
            "author_association": "OWNER",
            "_links": {
                "self": {"href": f"{api}/pulls/comments/{comment.id}"},
                "html": {"href": html},
                "pull_request": {"href": pull_api},
            },
            "line": comment.line,
            "original_line": comment.line,
            "side": comment.side,
            "subject_type": "line",
        }

    def review(self, review: Review, user: Account) -> Json:
        pull_api = f"{self.api}/repos/{review.repo}/pulls/{review.pull_number}"
        pull_html = f"{self.web}/{review.repo}/pull/{review.pull_number}"
        html = f"{pull_html}#pullrequestreview-{review.id}"
        return {
            "id": review.id,
            "node_id": f"PRR_{review.id}",
            "user": self.user(user),
            "body": review.body,
            "state": review.state,
            "html_url": html,
            "pull_request_url": pull_api,
            "_links": {"html": {"href": html}, "pull_request": {"href": pull_api}},
            "submitted_at": timestamp(review.submitted_at),
            "commit_id": review.commit_id,
            "author_association": "OWNER",
        }

    def app(self, app: App, owner: Account) -> Json:
        created = timestamp(0)
        return {
            "id": app.id,
            "slug": app.slug,
            "node_id": f"A_{app.id}",
            "client_id": f"Iv1.{app.id}",
            "owner": self.user(owner),
            "name": app.name,
            "description": None,
            "external_url": self.web,
            "html_url": f"{self.web}/apps/{app.slug}",
            "created_at": created,
            "updated_at": created,
            "permissions": _APP_PERMISSIONS,
            "events": ["push", "pull_request"],
            "installations_count": 1,
        }

    def installation(
        self, installation: Installation, app: App, account: Account
    ) -> Json:
        api = f"{self.api}/app/installations/{installation.id}"
        created = timestamp(installation.created_at)
        return {
            "id": installation.id,
            "account": self.user(account),
            "repository_selection": "all" if installation.repos is None else "selected",
            "access_tokens_url": f"{api}/access_tokens",
            "repositories_url": f"{self.api}/installation/repositories",
            "html_url": f"{self.web}/settings/installations/{installation.id}",
            "app_id": app.id,
            "app_slug": app.slug,
            "target_id": account.id,
            "target_type": account.kind,
            "permissions": _APP_PERMISSIONS,
            "events": ["push", "pull_request"],
            "created_at": created,
            "updated_at": created,
            "single_file_name": None,
            "suspended_by": None,
            "suspended_at": None,
        }


_APP_PERMISSIONS = {
    "contents": "write",
    "pull_requests": "write",
    "issues": "write",
    "metadata": "read",
}
