// Planner module. See docs/ARCHITECTURE.md.
