"""An organisation lead's view of their organisation's people (with each person's
required learning status and CPD this year, sortable, filterable and exportable), and
bulk invitations from a pasted list or a CSV file. URLs under organisation/, namespace
"organisation" (guarded by the second factor: learning.accounts.mfa)."""
