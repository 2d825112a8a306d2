"""Planning: who gets which notice, and why (pure: a snapshot, the rules and `now`).

`plan` plans digests, escalations and pre-meeting notices, `report` the coordinator's
report, `schedule` the slots of the service, `calendar` working days and meetings. A new
notice kind: a `Kind` in `notices`, its planner here, its templates in templates/emails/.
"""
