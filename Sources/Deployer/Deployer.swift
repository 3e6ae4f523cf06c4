// Deployer module. See docs/ARCHITECTURE.md.
