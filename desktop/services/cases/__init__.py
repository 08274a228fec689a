"""Cases from intake to callback (Art. 16–20; SPEC §4, §11), one module per step.

intake (Art. 16, routing to grids), duplicates (merge hints), onspot_escalation (Art. 5, 17),
dispatch (Art. 18), department (Art. 18–19 duties of a linked department), review (the
center's decisions and 核查结案), hold (Art. 19(2)), supervision and callbacks (Art. 20),
queries (case detail and triage list). Shared pieces: common (loading with scope and version
checks, the timeline writer, the state table), deadlines (the clock), results.
"""
