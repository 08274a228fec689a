"""Case dialogs and panels: new case, case detail with timeline, dispatch, callback workbench."""
