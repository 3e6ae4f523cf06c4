import Foundation

/// What the restore task runs for `MySQLInVPC`, as files beside the dump in the bundle (shell that
/// the images' `sh` runs: dash on Debian/Ubuntu, bash on Oracle Linux; coreutils and findutils are in both):
///
/// - `db.sh`: the target's client with its arguments: the image's own (`mariadb --ssl`, or `mysql
///   --ssl-mode=REQUIRED`), the user from `FERRY_DB_USER`, the password in `MYSQL_PWD` (both from the
///   task's secrets);
/// - `restore.sh`: the local restore's steps in its order: the schema (`DROP TABLE IF EXISTS` + `CREATE`),
///   every trigger of the target dropped, every table `TRUNCATE`d in one session, the rows (`jobs` files at
///   a time), the triggers; then the checks;
/// - `check/N.sql`: the queries `MySQLVerification` ran on the source, the same text; the task streams
///   each one's output through `wc -l` and `sha256sum`, which see the bytes `MySQLVerification.digest` saw,
///   and prints `FERRY-CHECK|N|rows|sha256` (`-1|failed` when the query failed).
struct MySQLRestoreScript {
    /// The tables' row-hash queries (in `checks` order), then the objects' listing.
    var checks: [String]
    /// The data files to load, relative to the bundle.
    var loads: [String]
    var tables: [String]
    var jobs: Int

    /// Writes the files into `bundle`; a file already there with the same text is left as it is, so the
    /// bundle (and the tar the task fetches) is the same for the same dump.
    func write(into bundle: String) throws {
        let checkDirectory = (bundle as NSString).appendingPathComponent("check")
        var files: [String: String] = ["db.sh": Self.client, "restore.sh": restore, "load.list": loads.map { $0 + "\n" }.joined(),
                                       "truncate.sql": "SET FOREIGN_KEY_CHECKS = 0;\n" + tables.map { "TRUNCATE TABLE \(MySQLTools.quoteIdentifier($0));\n" }.joined()]
        for (number, sql) in checks.enumerated() { files["check/\(number).sql"] = sql + ";\n" }
        // Checks of tables no longer there would run again: the folder holds exactly these.
        if let present = try? FileManager.default.contentsOfDirectory(atPath: checkDirectory) {
            for name in present where files["check/" + name] == nil { try FileManager.default.removeItem(atPath: (checkDirectory as NSString).appendingPathComponent(name)) }
        }
        try FileManager.default.createDirectory(atPath: checkDirectory, withIntermediateDirectories: true)
        for (name, text) in files {
            let path = (bundle as NSString).appendingPathComponent(name)
            if (try? String(contentsOfFile: path, encoding: .utf8)) != text { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        }
    }

    /// The client, with the arguments `MySQLConnection.arguments` gives it here; the first argument
    /// must be `--no-defaults`, so it comes before the image's own flags.
    static let client = #"""
        # The target's client: the image's own, TLS required, the user and password from the task's secrets.
        if command -v mariadb >/dev/null 2>&1; then client=mariadb; tls=--ssl; else client=mysql; tls=--ssl-mode=REQUIRED; fi
        exec "$client" --no-defaults --protocol=TCP --host="$FERRY_DB_HOST" --port="$FERRY_DB_PORT" --user="$FERRY_DB_USER" "$tls" \
          --connect-timeout=10 --database="$FERRY_DB_NAME" "$@"

        """#

    var restore: String {
        let lastTable = checks.count - 1
        var lines = [
            "set -eu",
            "# The schema: each table dropped and created, the views, routines and events.",
            "sh db.sh < schema.sql",
            "# Loading rows must fire no trigger: all of them are dropped, and the dumped ones restored after the rows.",
            #"sh db.sh --batch --skip-column-names --raw --execute="SELECT CONCAT('DROP TRIGGER IF EXISTS \`', REPLACE(trigger_name, '\`', '\`\`'), '\`;') FROM information_schema.triggers WHERE trigger_schema = DATABASE()" > drop-triggers.sql"#,
            "sh db.sh < drop-triggers.sql",
            "# Every table emptied in one session first (a TRUNCATE waits for no concurrent load), then \(jobs) loads at a time.",
            "sh db.sh < truncate.sql",
            #"xargs -P \#(jobs) -I '{}' sh -c 'sh db.sh < "$1"' sh '{}' < load.list"#,
            "sh db.sh < triggers.sql",
            "# The checks: per table its rows and the SHA-256 of its row hashes as the client streams them, then the objects' names.",
            "check() {",
            "  rm -f rows.fifo rows.count failed",
            "  mkfifo rows.fifo",
            "  wc -l < rows.fifo > rows.count &",
            #"  hash=$( { sh db.sh "$@" < "check/$n.sql" || echo > failed; } | tr "$filter" "$replace" | tee rows.fifo | $digest | sha256sum | cut -d ' ' -f 1)"#,
            "  wait",
            #"  if [ -e failed ]; then echo "FERRY-CHECK|$n|-1|failed"; else echo "FERRY-CHECK|$n|$(tr -d ' ' < rows.count)|$hash"; fi"#,
            "}",
        ]
        // Tables: the bytes as they come. Objects: `MySQLTools.query` splits the rows and joins them with one
        // newline between, and a row's fields with a space: tabs become spaces, and the last newline goes.
        lines += [
            #"filter='\t'; replace='\t'; digest=cat"#,
            "n=0",
            #"while [ "$n" -lt \#(lastTable) ]; do check --batch --skip-column-names --quick; n=$((n + 1)); done"#,
            #"filter='\t'; replace=' '; digest='head -c -1'"#,
            "check --batch --skip-column-names --raw",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
