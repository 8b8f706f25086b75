"""Scale-out: one repository's work as a job on a Redis queue (RQ), with the
rate limits, the campaign state and a per-repository lock shared in Redis."""
