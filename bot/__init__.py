"""De-escalation practice bot."""
