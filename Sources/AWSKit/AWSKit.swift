// AWSKit module. See docs/ARCHITECTURE.md.
