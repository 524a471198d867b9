"""The admin form for a case study page."""

from __future__ import annotations

from case_studies.partners import PartnerTypesField
from learning.models import LearningPage


class CaseStudyPageForm(LearningPage.base_form_class):
    """Built on whatever form every learning page uses (it shows the anonymisation
    guard's findings beside each field), adding checkboxes for the partners."""

    # Declared here because a JSONField's own form field is a JSON text box; the list
    # it cleans to is stored in the model's JSONField unchanged.
    partner_types = PartnerTypesField()
