"""Small screens and dialogs of the app."""
