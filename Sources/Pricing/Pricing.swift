// Pricing module. See docs/ARCHITECTURE.md.
