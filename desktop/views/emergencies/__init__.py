"""Art. 21 emergencies in the desktop: the report form and the reporting-ladder panel."""
