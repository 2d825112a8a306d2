"""The service layer: one run of each kind, wiring the stages (`imports`: read ->
register; `notify` with `plan` and `render_pool`: register -> planning -> mail ->
delivery -> ledger) and the scheduler that runs them on time (`scheduler`, `serve`).
Takes concrete resources as arguments; only the CLI builds them.
"""
