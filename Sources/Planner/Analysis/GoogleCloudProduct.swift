import Blueprint

/// A Google Cloud or Firebase service an app's code can use, what replaces it on AWS and the SDK calls
/// the code swaps. The mapping itself (elements, decisions) is `GoogleCloudBuilder`'s.
enum GoogleCloudProduct: String, CaseIterable, Comparable {
    case firebaseAuth, firestore, datastore, pubsub, storage, secretManager, vertexAI, gemini

    static func < (a: Self, b: Self) -> Bool { a.order < b.order }
    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    var product: String {
        switch self {
        case .firebaseAuth: return "Firebase Authentication"
        case .firestore: return "Cloud Firestore"
        case .datastore: return "Cloud Datastore"
        case .pubsub: return "Cloud Pub/Sub"
        case .storage: return "Cloud Storage"
        case .secretManager: return "Secret Manager"
        case .vertexAI: return "Vertex AI"
        case .gemini: return "Gemini API"
        }
    }

    var target: String {
        switch self {
        case .firebaseAuth: return "Amazon Cognito"
        case .firestore, .datastore: return "Amazon DynamoDB"
        case .pubsub: return "Amazon SNS + SQS"
        case .storage: return "Amazon S3"
        case .secretManager: return "AWS Secrets Manager"
        case .vertexAI: return "Amazon Bedrock"
        case .gemini: return "Gemini API (external)"
        }
    }

    /// The calls to swap, one line each, Python first (the most common), then JavaScript and Go.
    var swaps: [String] {
        switch self {
        case .firebaseAuth:
            return ["auth.verify_id_token(token) / admin.auth().verifyIdToken(token) → verify the Cognito JWT against the pool's JWKS (aws-jwt-verify, python-jose, cognitojwt)",
                    "auth.create_user / getUser → cognito-idp AdminCreateUser / AdminGetUser; client sign-in (signInWithEmailAndPassword) → Amplify Auth signIn or InitiateAuth (SRP)"]
        case .firestore, .datastore:
            return ["client.collection(c).document(id).set(d) / doc.set(d) → dynamodb Table.put_item(Item=d) (PutCommand in JS, PutItem in Go)",
                    "document(id).get() → Table.get_item(Key=…); .where(…).stream() → Table.query(KeyConditionExpression=…) on a key or index, not a scan",
                    "transactions and batch writes → transact_write_items / batch_write_item; server timestamps and increments → UpdateExpression"]
        case .pubsub:
            return ["publisher.publish(topic_path, data) / topic.publishMessage → sns.publish(TopicArn=…, Message=…)",
                    "subscriber.subscribe(subscription, callback) / subscription.on('message') → an SQS long-poll loop: receive_message, then delete_message after success"]
        case .storage:
            return ["storage.Client().bucket(b).blob(k).upload_from_string(d) / file.save → s3.put_object(Bucket=…, Key=k, Body=d)",
                    "blob.download_as_bytes / file.download → s3.get_object; blob.generate_signed_url → s3.generate_presigned_url"]
        case .secretManager:
            return ["SecretManagerServiceClient().access_secret_version(name) → secretsmanager.get_secret_value(SecretId=…), or read the env var ECS injects from the secret"]
        case .vertexAI:
            return ["vertexai GenerativeModel(m).generate_content(p) → bedrock-runtime converse(modelId=…, messages=…); or call the Gemini API directly with an API key kept in Secrets Manager"]
        case .gemini:
            return ["none: the Gemini API is called over the internet as before; its API key becomes a secret the task reads at start"]
        }
    }

    /// Package names in dependency manifests (requirements, pyproject, package.json, go.mod), lowercased.
    var packages: [String] {
        switch self {
        case .firebaseAuth: return ["firebase-admin", "firebase.google.com/go", "\"firebase\"", "pyrebase"]
        case .firestore: return ["google-cloud-firestore", "@google-cloud/firestore", "cloud.google.com/go/firestore"]
        case .datastore: return ["google-cloud-datastore", "google-cloud-ndb", "@google-cloud/datastore", "cloud.google.com/go/datastore"]
        case .pubsub: return ["google-cloud-pubsub", "@google-cloud/pubsub", "cloud.google.com/go/pubsub"]
        case .storage: return ["google-cloud-storage", "@google-cloud/storage", "cloud.google.com/go/storage"]
        case .secretManager: return ["google-cloud-secret-manager", "@google-cloud/secret-manager", "cloud.google.com/go/secretmanager"]
        case .vertexAI: return ["google-cloud-aiplatform", "vertexai", "@google-cloud/vertexai", "cloud.google.com/go/vertexai", "cloud.google.com/go/aiplatform"]
        case .gemini: return ["google-generativeai", "google-genai", "@google/generative-ai", "@google/genai", "github.com/google/generative-ai-go", "google.golang.org/genai"]
        }
    }

    /// Words that name it on an import line that also names Google or Firebase, lowercased.
    var importWords: [String] {
        switch self {
        case .firebaseAuth: return ["auth"]
        case .firestore: return ["firestore"]
        case .datastore: return ["datastore", "ndb"]
        case .pubsub: return ["pubsub"]
        case .storage: return ["storage"]
        case .secretManager: return ["secretmanager", "secret-manager", "secret_manager"]
        case .vertexAI: return ["aiplatform", "vertexai"]
        case .gemini: return ["generativeai", "generative-ai", "genai"]
        }
    }

    /// Environment variables that show it (`FIRESTORE_EMULATOR_HOST`).
    static func fromEnv(_ name: String) -> GoogleCloudProduct? {
        switch name.uppercased() {
        case "FIRESTORE_EMULATOR_HOST": return .firestore
        case "DATASTORE_EMULATOR_HOST", "DATASTORE_PROJECT_ID": return .datastore
        case "PUBSUB_EMULATOR_HOST", "PUBSUB_PROJECT_ID": return .pubsub
        case "STORAGE_EMULATOR_HOST", "GCS_BUCKET", "GCS_BUCKET_NAME", "GOOGLE_CLOUD_STORAGE_BUCKET", "FIREBASE_STORAGE_BUCKET": return .storage
        case "FIREBASE_AUTH_EMULATOR_HOST", "FIREBASE_PROJECT_ID", "FIREBASE_API_KEY", "FIREBASE_AUTH_DOMAIN": return .firebaseAuth
        case "VERTEX_PROJECT", "VERTEX_LOCATION", "VERTEXAI_PROJECT", "GOOGLE_CLOUD_LOCATION": return .vertexAI
        default: return nil
        }
    }
}
