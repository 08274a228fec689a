"""Qt views: main window, panels, dialogs, item models, map, wall display."""
