import Foundation
import Blueprint

/// Hosted services the app calls (Supabase, Stripe, OpenAI…), found in env values and names.
/// Listed in the plan with role `external`; nothing to deploy.
enum ExternalServices {
    struct Provider {
        var id: String
        var product: String
        var hostSuffixes: [String]
        var envPrefixes: [String]
    }

    static let providers: [Provider] = [
        Provider(id: "supabase", product: "Supabase", hostSuffixes: ["supabase.co", "supabase.com"], envPrefixes: ["SUPABASE_"]),
        Provider(id: "firebase", product: "Firebase", hostSuffixes: ["firebaseio.com", "firebaseapp.com"], envPrefixes: ["FIREBASE_"]),
        Provider(id: "stripe", product: "Stripe", hostSuffixes: ["stripe.com"], envPrefixes: ["STRIPE_"]),
        Provider(id: "openai", product: "OpenAI API", hostSuffixes: ["openai.com"], envPrefixes: ["OPENAI_"]),
        Provider(id: "anthropic", product: "Anthropic API", hostSuffixes: ["anthropic.com"], envPrefixes: ["ANTHROPIC_"]),
        Provider(id: "gemini", product: "Google Gemini API", hostSuffixes: ["generativelanguage.googleapis.com"], envPrefixes: ["GEMINI_"]),
        Provider(id: "sentry", product: "Sentry", hostSuffixes: ["sentry.io"], envPrefixes: ["SENTRY_"]),
        Provider(id: "auth0", product: "Auth0", hostSuffixes: ["auth0.com"], envPrefixes: ["AUTH0_"]),
        Provider(id: "clerk", product: "Clerk", hostSuffixes: ["clerk.com", "clerk.dev"], envPrefixes: ["CLERK_"]),
        Provider(id: "mongodb-atlas", product: "MongoDB Atlas", hostSuffixes: ["mongodb.net"], envPrefixes: []),
        Provider(id: "neon", product: "Neon", hostSuffixes: ["neon.tech"], envPrefixes: []),
        Provider(id: "upstash", product: "Upstash", hostSuffixes: ["upstash.io"], envPrefixes: ["UPSTASH_"]),
        Provider(id: "sendgrid", product: "SendGrid", hostSuffixes: ["sendgrid.net", "sendgrid.com"], envPrefixes: ["SENDGRID_"]),
        Provider(id: "twilio", product: "Twilio", hostSuffixes: ["twilio.com"], envPrefixes: ["TWILIO_"]),
        Provider(id: "wandb", product: "Weights & Biases", hostSuffixes: ["wandb.ai"], envPrefixes: ["WANDB_"]),
        Provider(id: "microsoft-entra", product: "Microsoft Entra ID", hostSuffixes: ["login.microsoftonline.com"], envPrefixes: ["MICROSOFT_", "AZURE_AD_"]),
        Provider(id: "google-oauth", product: "Google OAuth", hostSuffixes: ["accounts.google.com"], envPrefixes: ["GOOGLE_CLIENT_"]),
        Provider(id: "github-oauth", product: "GitHub OAuth", hostSuffixes: [], envPrefixes: ["GITHUB_CLIENT_"]),
        Provider(id: "pusher", product: "Pusher", hostSuffixes: ["pusher.com"], envPrefixes: ["PUSHER_"]),
        Provider(id: "algolia", product: "Algolia", hostSuffixes: ["algolia.net"], envPrefixes: ["ALGOLIA_"]),
        Provider(id: "cloudinary", product: "Cloudinary", hostSuffixes: ["cloudinary.com"], envPrefixes: ["CLOUDINARY_"]),
        Provider(id: "mailgun", product: "Mailgun", hostSuffixes: ["mailgun.net", "mailgun.org"], envPrefixes: ["MAILGUN_"]),
        Provider(id: "posthog", product: "PostHog", hostSuffixes: ["posthog.com"], envPrefixes: ["POSTHOG_"]),
    ]

    static func run(_ ctx: PlanningContext) {
        var found: [String: (provider: Provider, users: Set<String>, evidence: [Evidence])] = [:]
        for f in ctx.facts where ctx.isDeployedApp(f.name) || ctx.role(of: f.name) == .static || ctx.role(of: f.name) == .web {
            for e in f.service.environment {
                let upper = e.name.uppercased()
                let bare = upper.hasPrefix("NEXT_PUBLIC_") ? String(upper.dropFirst("NEXT_PUBLIC_".count)) : upper
                var hit = providers.first { p in p.envPrefixes.contains { bare.hasPrefix($0) } }
                if hit == nil, let value = e.value {
                    for m in HostScanner.mentions(in: value, bareWordsAreHosts: false) where !m.isLoopback && ctx.graph.hostIndex[m.host] == nil {
                        if let p = providers.first(where: { p in p.hostSuffixes.contains { m.host == $0 || m.host.hasSuffix("." + $0) } }) { hit = p; break }
                    }
                }
                guard let p = hit, ctx.facts(p.id) == nil else { continue }
                var entry = found[p.id] ?? (p, [], [])
                entry.users.insert(f.name)
                if entry.evidence.count < 3 {
                    entry.evidence.append(Evidence(path: "services.\(f.name).environment.\(e.name)",
                                                   value: Redaction.evidenceValue(name: e.name, value: e.value),
                                                   position: (e.location ?? f.service.locations["environment.\(e.name)"]).map(SourcePosition.init)))
                }
                found[p.id] = entry
            }
        }
        for (id, entry) in found.sorted(by: { $0.key < $1.key }) {
            let users = entry.users.sorted().joined(separator: ", ")
            let reason = "\(entry.provider.product), called by \(users): a hosted service, nothing to deploy; its keys go to Secrets Manager"
            ctx.externalPlans.append(ServicePlan(name: id, role: .external, target: .none, reasons: [reason],
                                                 decisions: [Decision(topic: "role", choice: "external", reason: reason, evidence: entry.evidence, rule: "ExternalServices")]))
        }
    }
}
