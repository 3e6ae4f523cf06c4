// ComposeKit module. See docs/ARCHITECTURE.md.
