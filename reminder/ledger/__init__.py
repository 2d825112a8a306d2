"""The ledger: claims and outcomes of every notice (`claims`), scheduled runs (`runs`),
and which instance leads (`leader`). Nothing sent twice, nothing lost.
"""
