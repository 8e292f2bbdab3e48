"""The comeback/pdf plugin: a fillable PDF per worksheet, a handout per lesson and the course
workbook, tagged (PDF/UA-1), with their fonts embedded, rendered by WeasyPrint and cached."""
