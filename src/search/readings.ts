import { Worker } from 'node:worker_threads';
import type { IpadicFeatures } from 'kuromoji';
import { characterCount, TEXT_LIMITS } from '#src/shared/text-limits.ts';
import { kanaToRomaji } from './normalize.ts';

/**
 * The longest text given a reading: a name or title at its longest. Longer text (only ever
 * stored before names had a limit) gets none, rather than minutes of dictionary work.
 */
export const READING_MAX_CHARACTERS = TEXT_LIMITS.name;

type Token = Pick<IpadicFeatures, 'surface_form' | 'pos' | 'pos_detail_1' | 'reading'>;
type Reply = { id: number; tokens: Token[] } | { id: number; error: string };
interface Request {
  resolve(tokens: Token[]): void;
  reject(error: Error): void;
}

/**
 * One worker thread holding the kuromoji dictionary (seconds and ~250 MB to load, so it
 * starts with the first reading asked for), and the requests it has yet to answer.
 * Tokenizing runs there, so that reading a long name never stalls the requests the main
 * thread is serving.
 */
class ReadingThread {
  readonly #worker = new Worker(new URL('./reading-worker.js', import.meta.url));
  readonly #pending = new Map<number, Request>();
  #nextId = 0;
  #whenIdle: (() => void) | undefined;

  constructor(onExit: (thread: ReadingThread) => void) {
    // Idle, the thread keeps no process alive: a command ends when its own work does.
    this.#worker.unref();
    this.#worker.on('message', (reply: Reply) => {
      const request = this.#pending.get(reply.id);
      if (!request) return;
      this.#pending.delete(reply.id);
      this.#settled();
      if ('tokens' in reply) request.resolve(reply.tokens);
      else request.reject(new Error(`Reading failed: ${reply.error}`));
    });
    // A dictionary that would not load, or a thread that died: what it was asked fails.
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', (code) => {
      this.#failAll(new Error(`The reading thread stopped (exit code ${code})`));
      onExit(this);
    });
  }

  tokenize(text: string): Promise<Token[]> {
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      if (this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage({ id, text });
    });
  }

  /** Stops the thread once it has answered what it was asked (short: text is bounded). */
  async close(): Promise<void> {
    if (this.#pending.size > 0) await new Promise<void>((resolve) => (this.#whenIdle = resolve));
    await this.#worker.terminate();
  }

  #settled(): void {
    if (this.#pending.size > 0) return;
    this.#worker.unref();
    this.#whenIdle?.();
    this.#whenIdle = undefined;
  }

  #failAll(error: Error): void {
    const requests = [...this.#pending.values()];
    this.#pending.clear();
    this.#settled();
    for (const request of requests) request.reject(error);
  }
}

/** Shared by everything in the process that reads names; started on first use. */
let thread: ReadingThread | undefined;

function tokenize(text: string): Promise<Token[]> {
  thread ??= new ReadingThread((gone) => {
    if (thread === gone) thread = undefined;
  });
  return thread.tokenize(text);
}

/**
 * Stops the reading thread, if one runs, once it has answered what it was asked; a later
 * reading starts another. The application calls this when it shuts down.
 */
export async function closeReadings(): Promise<void> {
  const closing = thread;
  thread = undefined;
  await closing?.close();
}

/** Particles are read differently from how they are written. */
const PARTICLES: Record<string, string> = { は: 'わ', へ: 'え', を: 'お' };

/** Inflections and suffixes read as part of the word before them: todoka + nai → todokanai. */
function attaches(token: Token): boolean {
  return (
    token.pos === '助動詞' ||
    token.pos_detail_1 === '接尾' ||
    token.pos_detail_1 === '非自立' ||
    (token.pos === '助詞' && token.pos_detail_1 === '接続助詞')
  );
}

/**
 * The reading of Japanese text in Hepburn romaji, word by word, from the kuromoji
 * dictionary; null when some word has no known reading (rare kanji), so that no half
 * reading is stored, and for text longer than READING_MAX_CHARACTERS. Editors correct
 * readings through the romanized name.
 */
export async function readingOf(text: string): Promise<string | null> {
  if (characterCount(text) > READING_MAX_CHARACTERS) return null;
  const tokens = await tokenize(text);
  const words: string[] = [];
  for (const token of tokens) {
    const surface = token.surface_form;
    if (/^[\s\p{P}\p{S}]+$/u.test(surface)) continue;
    const kana =
      token.pos === '助詞' && PARTICLES[surface]
        ? PARTICLES[surface]
        : token.reading && token.reading !== '*'
          ? token.reading
          : /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(surface) ||
              /^[\p{Script=Latin}\d]+$/u.test(surface)
            ? surface
            : null;
    if (kana === null) return null;
    const romaji = kanaToRomaji(kana).toLowerCase();
    if (words.length > 0 && attaches(token)) words[words.length - 1] += romaji;
    else words.push(romaji);
  }
  return words.join(' ') || null;
}
