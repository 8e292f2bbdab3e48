"""The support plugin: independent help (crisis lines) that is always shown, and an organisation's
own contacts beside it, never instead of it: on the pages that place `::support`, in worksheets that
ask how someone feels, and in the workbook."""
