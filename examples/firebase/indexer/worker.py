"""Indexes new notes: the API publishes each one on the note-events topic; this worker pulls them
from its subscription and writes a search entry per word."""
import json
import os

from google.cloud import firestore, pubsub_v1

db = firestore.Client()
subscriber = pubsub_v1.SubscriberClient()
subscription = subscriber.subscription_path(os.environ["GOOGLE_CLOUD_PROJECT"], "note-events-indexer")


def handle(message):
    note = json.loads(message.data)
    text = db.collection("notes").document(note["id"]).get().get("text") or ""
    for word in set(text.lower().split()):
        db.collection("words").document(word).set({note["id"]: True}, merge=True)
    message.ack()


if __name__ == "__main__":
    subscriber.subscribe(subscription, callback=handle).result()
