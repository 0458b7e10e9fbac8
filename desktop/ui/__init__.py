"""Qt widgets only. They call desktop.store / advice / export; nothing there imports Qt."""
