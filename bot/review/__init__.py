"""Team review: override rules, evidence marks, filters, aggregates, charts, exports and the report.

Pure logic apart from `dashboard.load_dashboard` and `export_files`, which read the store; the web pages
(bot/web/review.py) and the CLI (bot/cli/review.py) are thin glue over these.
"""
