// Tokenizes text with the kuromoji dictionary on a worker thread. Reading a long name is
// seconds of work in one synchronous call, and loading the dictionary is more; here neither
// holds up the requests the main thread is serving (see readings.ts, which asks and reads).
// Plain JavaScript: a worker starts without the TypeScript loader the main thread has.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import kuromoji from 'kuromoji';

const require = createRequire(import.meta.url);
const DICTIONARY = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');

// A dictionary that fails to load ends the thread with the error; the next reading starts
// another. Requests sent meanwhile wait in the port until the listener below is attached.
const tokenizer = await new Promise((resolve, reject) => {
  kuromoji.builder({ dicPath: DICTIONARY }).build((error, built) => {
    if (error) reject(error);
    else resolve(built);
  });
});

parentPort?.on('message', ({ id, text }) => {
  try {
    // Only what a reading needs crosses back: the rest of each token is dictionary detail.
    const tokens = tokenizer.tokenize(text).map((token) => ({
      surface_form: token.surface_form,
      pos: token.pos,
      pos_detail_1: token.pos_detail_1,
      reading: token.reading,
    }));
    parentPort?.postMessage({ id, tokens });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
