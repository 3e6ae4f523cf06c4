// Renderers module. See docs/ARCHITECTURE.md.
