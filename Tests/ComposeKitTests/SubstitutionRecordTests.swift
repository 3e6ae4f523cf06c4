import XCTest
@testable import ComposeKit

/// Interpolation records which characters of a value came from which variables, through the
/// word splitting of `command`, `entrypoint` and `healthcheck.test`.
final class SubstitutionRecordTests: XCTestCase {
    private func text(_ word: String, _ s: Substitution) -> String {
        String(decoding: Array(word.utf8)[s.range], as: UTF8.self)
    }

    func testTemplateRecordsEachTopLevelSubstitution() throws {
        let t = Template(lookup: { ["USER": "app", "PASS": "hunter2", "B": "bee"][$0] })
        let r = try t.substitute("${USER}/$PASS and ${NONE:-${B}}!")
        XCTAssertEqual(r.value, "app/hunter2 and bee!")
        XCTAssertEqual(r.substitutions.map { text(r.value, $0) }, ["app", "hunter2", "bee"])
        XCTAssertEqual(r.substitutions.map(\.variables), [["USER"], ["PASS"], ["NONE", "B"]])
        XCTAssertEqual(try t.substitute("cost $$5").substitutions, [])
    }

    func testCommandStringWordsKeepTheirSubstitutions() throws {
        let p = try TestSupport.load("""
        services:
          app:
            image: alpine
            command: sh -c "psql 'postgres://u:${PASSWORD}@db/x' && echo ${USER}"
            entrypoint: ["run", "--key=${API_KEY}"]
            healthcheck:
              test: curl -u admin:${PASSWORD} http://localhost/
        """, env: ["PASSWORD": "s3cr3t!", "USER": "bob", "API_KEY": "k-123"])
        let s = try XCTUnwrap(p.service(named: "app"))
        XCTAssertEqual(s.command, ["sh", "-c", "psql 'postgres://u:s3cr3t!@db/x' && echo bob"])
        let c2 = try XCTUnwrap(s.wordSubstitutions["command[2]"])
        XCTAssertEqual(c2.map { text(s.command![2], $0) }, ["s3cr3t!", "bob"])
        XCTAssertEqual(c2.map(\.variables), [["PASSWORD"], ["USER"]])
        XCTAssertNil(s.wordSubstitutions["command[0]"])
        let e1 = try XCTUnwrap(s.wordSubstitutions["entrypoint[1]"])
        XCTAssertEqual(e1.map { text(s.entrypoint![1], $0) }, ["k-123"])
        let h1 = try XCTUnwrap(s.wordSubstitutions["healthcheck.test[1]"])
        XCTAssertEqual(h1.map(\.variables), [["PASSWORD"]])
        XCTAssertEqual(h1.map { text(s.healthcheck!.test[1], $0) }, ["s3cr3t!"])
    }

    func testQuotesAroundASubstitutionAreNotPartOfIt() throws {
        let words = try XCTUnwrap(CommandSyntax.splitTracking(#"a "x${V}y" 'b'"#))
        XCTAssertEqual(words.map(\.text), ["a", "x${V}y", "b"])
        let projected = CommandSyntax.project([Substitution(range: 4..<8, variables: ["V"])], through: words[1].sources)
        XCTAssertEqual(projected.map { text(words[1].text, $0) }, ["${V}"])
    }
}

extension SubstitutionRecordTests {
    func testEnvironmentEntriesKeepTheirSubstitutionsInEveryForm() throws {
        let p = try TestSupport.load("""
        services:
          app:
            image: alpine
            environment:
              - CONN=${USER}/${PASSWORD}
              - PASSWORD
          web:
            image: alpine
            environment:
              AUTH: "user:${PASSWORD}"
        """, env: ["PASSWORD": "pw-1", "USER": "scott"])
        let app = try XCTUnwrap(p.service(named: "app"))
        let conn = try XCTUnwrap(app.environment.first { $0.name == "CONN" })
        XCTAssertEqual(conn.substitutions.map { text(conn.value!, $0) }, ["scott", "pw-1"])
        let bare = try XCTUnwrap(app.environment.first { $0.name == "PASSWORD" })
        XCTAssertEqual(bare.substitutions, [Substitution(range: 0..<4, variables: ["PASSWORD"])])
        let auth = try XCTUnwrap(p.service(named: "web")?.environment.first)
        XCTAssertEqual(auth.substitutions.map { text(auth.value!, $0) }, ["pw-1"])
    }
}
