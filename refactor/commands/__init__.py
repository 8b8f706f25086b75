"""The click commands: thin wrappers over the testable functions of each area."""
