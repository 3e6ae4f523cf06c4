@testable import AWSKit
import ArgumentParser
import XCTest
@testable import FerryCLI

/// `migrate postgres|mysql --in-vpc` read where the task runs from the stack's outputs.
final class StackDatabaseTests: XCTestCase {
    static func outputs(_ stem: String, endpoint: String) -> [CloudFormation.Output] {
        [("ClusterName", "board"), (stem + "Endpoint", endpoint),
         (stem + "MigrationNetwork", "awsvpcConfiguration={subnets=[subnet-a],securityGroups=[sg-1],assignPublicIp=DISABLED}"),
         (stem + "MigrationExecutionRole", "arn:aws:iam::1:role/x"), (stem + "MigrationLogGroup", "/ferry/board/api"),
         (stem + "CredentialsSecret", "arn:aws:secretsmanager:eu-west-1:1:secret:db")].map { CloudFormation.Output(key: $0.0, value: $0.1) }
    }

    func testTheEndpointsPortOrTheEnginesDefault() throws {
        let mysql = try StackDatabase.read(Self.outputs("Mysql", endpoint: "db.abc.rds.amazonaws.com"), stackName: "s", database: nil, defaultPort: 3306)
        XCTAssertEqual(mysql.host, "db.abc.rds.amazonaws.com")
        XCTAssertEqual(mysql.port, 3306)
        XCTAssertEqual(mysql.stack.placement.subnets, ["subnet-a"])
        XCTAssertEqual(mysql.secretARN, "arn:aws:secretsmanager:eu-west-1:1:secret:db")
        let named = try StackDatabase.read(Self.outputs("ShopDb", endpoint: "db.x:3307"), stackName: "s", database: "shop-db", defaultPort: 3306)
        XCTAssertEqual(named.port, 3307)
        XCTAssertEqual(named.stem, "ShopDb")
        XCTAssertThrowsError(try StackDatabase.read(Self.outputs("ShopDb", endpoint: "db.x"), stackName: "s", database: "other", defaultPort: 3306)) {
            XCTAssertTrue("\($0)".contains("it has: ShopDb"), "\($0)")
        }
    }

    func testInVPCTakesNoTarget() {
        XCTAssertNoThrow(try Ferry.parseAsRoot(["migrate", "mysql", "--from", "mysql://a@h/db", "--in-vpc", "--image", "mysql:8.4"]))
        XCTAssertThrowsError(try Ferry.parseAsRoot(["migrate", "mysql", "--from", "mysql://a@h/db", "--in-vpc", "--to", "mysql://a@h/db"]))
        XCTAssertThrowsError(try Ferry.parseAsRoot(["migrate", "mysql", "--from", "mysql://a@h/db"]))
        XCTAssertThrowsError(try Ferry.parseAsRoot(["migrate", "mysql", "--from", "mysql://a@h/db", "--to", "mysql://a@h/db", "--image", "x"]))
    }
}
