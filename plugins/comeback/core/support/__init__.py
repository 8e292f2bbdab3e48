"""Who a learner can turn to: independent crisis lines, always, and an organisation's contacts."""
