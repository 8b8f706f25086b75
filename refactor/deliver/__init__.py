"""Deliver rewrites: clone, commit, push and open pull requests across a fleet.

`repository.handle_repository` is the one idempotent unit of work; the campaign
(`fleet`), the bot and the distributed queue all run it.
"""
