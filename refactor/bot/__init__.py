"""The GitHub App bot: a webhook service that queues deliveries durably and works
them off in the background, proposing the same pull requests as a campaign."""
