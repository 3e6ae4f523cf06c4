import Foundation
import XCTest
@testable import ComposeKit

/// Routes read from nginx configuration: upstream blocks, server names, nested and exact locations,
/// prefix rewriting, and what is deliberately ignored.
final class ProxyConfigTests: XCTestCase {
    let config = """
        # a comment { with braces }
        upstream frontend { server frontend:3000; }
        upstream api_pool {
            server api:8000 weight=2;
            server api-2:8000;
        }
        map $http_upgrade $connection_upgrade { default upgrade; '' close; }
        server {
            listen 80;
            server_name ${SERVER_NAME};
            location / { return 301 https://$host$request_uri; }
        }
        server {
            listen 443 ssl http2;
            server_name example.com www.example.com;
            location / {
                proxy_pass http://frontend;
                location /static/ { proxy_pass http://assets:8080; }
            }
            location /api/ { proxy_pass http://api_pool/; }
            location = /health { proxy_pass http://api:8000/health; }
            location ~ \\.php$ { fastcgi_pass php:9000; }
            location ~* ^/regex { proxy_pass http://api:8000; }
            location /dynamic { proxy_pass http://$backend; }
            location /socket { proxy_pass "http://ws:9001"; }
        }
        """

    func testRoutesFromServersLocationsAndUpstreams() {
        let routes = NginxConfig.routes(in: config, file: "/p/nginx.conf")
        let summary = routes.map { "\($0.path)\($0.exact ? "=" : "") → \($0.upstreamHost):\($0.upstreamPort.map(String.init) ?? "-")\($0.upstreamPath ?? "")" }
        XCTAssertEqual(summary, ["/ → frontend:3000", "/static/ → assets:8080", "/api/ → api:8000/", "/health= → api:8000/health", "/socket → ws:9001"])
        XCTAssertEqual(routes.first?.serverNames, ["example.com", "www.example.com"])
        XCTAssertEqual(routes.first?.listenPorts, [443])
        XCTAssertEqual(routes.first?.location.line, 16)
        XCTAssertTrue(routes[2].stripsPrefix, "`proxy_pass http://api_pool/` replaces the /api/ prefix")
        XCTAssertFalse(routes[0].stripsPrefix)
    }

    func testBrokenOrHostileTextYieldsNoCrash() {
        for text in ["", "}}}{{{", "server {", "location", String(repeating: "server { ", count: 500), "upstream x { server unix:/tmp/s; }"] {
            _ = NginxConfig.routes(in: text, file: "x")
        }
        XCTAssertEqual(NginxConfig.listenPort("[::]:8080"), 8080)
        XCTAssertEqual(NginxConfig.listenPort("443"), 443)
        XCTAssertNil(NginxConfig.listenPort("unix:/var/run/nginx.sock"))
    }

    func testMountedConfigurationIsReadForAnNginxService() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-proxy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("nginx"), withIntermediateDirectories: true)
        try "server { location /api/ { proxy_pass http://api:8000; } }".write(to: dir.appendingPathComponent("nginx/site.conf"), atomically: true, encoding: .utf8)
        let yaml = """
            services:
              proxy:
                image: nginx:1.27
                volumes: ["./nginx:/etc/nginx/conf.d:ro"]
              api:
                image: example/api
            """
        let project = try ComposeLoader.load(yaml: yaml, workingDirectory: dir.path)
        let proxy = try XCTUnwrap(project.services.first { $0.name == "proxy" })
        XCTAssertEqual(proxy.proxyRoutes.map(\.path), ["/api/"])
        XCTAssertEqual(proxy.proxyRoutes.first?.location.file, dir.appendingPathComponent("nginx/site.conf").path)
        XCTAssertEqual(project.services.first { $0.name == "api" }?.proxyRoutes, [])
    }
}

extension ProxyConfigTests {
    func testCaddyfileSitesHandlesAndMatchers() {
        let text = """
        {
        \temail ops@example.com
        }
        # the shop
        shop.example.com, www.example.com {
        \treverse_proxy /api/* http://api:8080
        \thandle_path /files/* {
        \t\treverse_proxy files:9000 {
        \t\t\thealth_uri /healthz
        \t\t}
        \t}
        \t@admin path /admin*
        \treverse_proxy @admin admin:4000
        \treverse_proxy {$UPSTREAM}
        \treverse_proxy web:3000
        }
        :8080 {
        \treverse_proxy metrics:9100
        }
        """
        let routes = CaddyConfig.routes(in: text, file: "Caddyfile")
        XCTAssertEqual(routes.map { "\($0.path) \($0.upstreamHost):\($0.upstreamPort ?? 0)" },
                       ["/api/* api:8080", "/files/* files:9000", "/ admin:4000", "/ web:3000", "/ metrics:9100"])
        XCTAssertEqual(routes.first?.serverNames, ["shop.example.com", "www.example.com"])
        XCTAssertEqual(routes[1].upstreamPath, "/", "handle_path strips its prefix")
        XCTAssertNil(routes[0].upstreamPath)
        XCTAssertEqual(routes.last?.listenPorts, [8080])
        XCTAssertEqual(routes.first?.location.line, 6)
        XCTAssertEqual(CaddyConfig.routes(in: "}}}{{ reverse_proxy", file: "x"), [], "broken text yields nothing, never a crash")
    }
}
