const express = require('express');
const admin = require('firebase-admin');
const { getFirestore } = require('firebase-admin/firestore');
const { Storage } = require('@google-cloud/storage');
const { PubSub } = require('@google-cloud/pubsub');

admin.initializeApp();
const db = getFirestore();
const attachments = new Storage().bucket('notes-attachments');
const noteEvents = new PubSub().topic('note-events');
const app = express();
app.use(express.json());

async function user(req) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  return admin.auth().verifyIdToken(token);
}

app.get('/health', (req, res) => res.send('ok'));

app.post('/notes', async (req, res) => {
  const { uid } = await user(req);
  const ref = await db.collection('notes').add({ owner: uid, text: req.body.text });
  await db.collection('users').doc(uid).set({ lastNote: ref.id }, { merge: true });
  await noteEvents.publishMessage({ json: { id: ref.id, owner: uid } });
  res.json({ id: ref.id });
});

app.put('/notes/:id/attachment', async (req, res) => {
  await user(req);
  await attachments.file(req.params.id).save(JSON.stringify(req.body));
  res.sendStatus(204);
});

app.listen(process.env.PORT || 8080);
