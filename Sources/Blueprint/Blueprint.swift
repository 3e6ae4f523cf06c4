// Blueprint module. See docs/ARCHITECTURE.md.
