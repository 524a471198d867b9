"""The audit trail: learning.audit.services.record writes one entry per audited action
(the model is learning.models.audit.AuditEntry)."""
