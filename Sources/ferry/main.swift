import FerryCLI

await Ferry.start()
