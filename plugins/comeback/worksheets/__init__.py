"""The worksheets plugin: YAML worksheets validated into models, placed in lessons as fillable forms."""
