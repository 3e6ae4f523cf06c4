/// `ferry migrate`: moves data from the Compose side into what the deployed stack created and
/// proves it arrived. Each kind (secrets, objects) is a migrator over a `CheckpointStore`; FerryCLI
/// resolves sources and targets from the project and the stack and prints the progress.
public enum Migrator {
    /// Checkpoints live here, relative to the project directory.
    public static let checkpointDirectory = ".ferry/migrations"
}
