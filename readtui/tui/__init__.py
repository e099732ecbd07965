"""The Textual shell over the readtui engine."""
