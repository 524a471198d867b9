"""Forms for setting required learning and exempting people. They parse and explain bad
input in GOV.UK style; the rules (a real refresher window, months when refreshing by
months) live in Requirement.clean() and learning.required.services.

One form a module (`requirement`, `exemption`), with the fields they share in `fields`;
both forms are re-exported here.
"""

from learning.required.forms.exemption import ExemptionForm
from learning.required.forms.requirement import RequirementForm

__all__ = ["ExemptionForm", "RequirementForm"]
