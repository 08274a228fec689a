"""Dialogs of the Art. 6 grid adjustment workflow: propose (township), review and file (county, city)."""
