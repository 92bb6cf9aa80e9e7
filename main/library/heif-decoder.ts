import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { heifWorkerSource } from './heif-worker-source';
import { CodedError } from '../model/coded-error';

/**
 * HEIC/HEIF decoding with libheif compiled to WebAssembly (npm `libheif-js`): the prebuilt sharp
 * has no HEVC decoder, and a WebAssembly build needs no native step on any platform. It runs in
 * worker threads, since a 12-megapixel HEIC takes seconds to decode and main's event loop must
 * keep answering the window meanwhile.
 */
export interface HeifPixels {
  /** Interleaved 8-bit RGB or RGBA, upright: libheif applies the file's irot/imir/clap. */
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
}

/** Why a HEIF file could not be read; `code` lets callers choose their own wording. */
export class HeifDecodeError extends CodedError<'unreadable' | 'too-many-pixels'> {}

interface Job {
  readonly request: { op: 'size' | 'decode'; bytes: Uint8Array; maxPixels: number };
  readonly resolve: (answer: WorkerAnswer) => void;
}
interface WorkerAnswer {
  readonly width: number;
  readonly height: number;
  readonly channels?: 3 | 4;
  readonly data?: Uint8Array;
  readonly error?: { kind: HeifDecodeError['code']; message: string };
}

/** Two decodes at once saturate a 2-core machine, as with sharp (docs/platform-notes.md). */
const poolSize = 2;
const idle: Worker[] = [];
const queue: Job[] = [];
let started = 0;
let modulePaths: { script: string; wasm: string } | undefined;

function paths() {
  if (!modulePaths) {
    const require = createRequire(import.meta.url);
    modulePaths = {
      script: require.resolve('libheif-js/libheif-wasm/libheif.js'),
      wasm: require.resolve('libheif-js/libheif-wasm/libheif.wasm'),
    };
  }
  return modulePaths;
}

function startWorker(): Worker {
  started++;
  const worker = new Worker(heifWorkerSource, { eval: true, workerData: paths() });
  worker.on('error', () => {
    // A crashed worker (out of memory on a hostile file) is replaced on the next job.
    started--;
  });
  return worker;
}

function pump(): void {
  for (let job = queue[0]; job; job = queue[0]) {
    const worker = idle.pop() ?? (started < poolSize ? startWorker() : undefined);
    if (!worker) return;
    queue.shift();
    worker.ref();
    const finish = (answer: WorkerAnswer) => {
      worker.off('message', finish);
      worker.off('exit', exited);
      worker.unref();
      idle.push(worker);
      job.resolve(answer);
      pump();
    };
    const exited = () => {
      worker.off('message', finish);
      job.resolve({
        width: 0,
        height: 0,
        error: { kind: 'unreadable', message: 'The HEIC decoder stopped on this file.' },
      });
      pump();
    };
    worker.on('message', finish);
    worker.once('exit', exited);
    worker.postMessage(job.request);
  }
}

async function ask(op: 'size' | 'decode', bytes: Uint8Array, maxPixels = 0) {
  // Copied: the caller's buffer is pooled and reused, and a transfer would take it away.
  const copy = new Uint8Array(bytes);
  const answer = await new Promise<WorkerAnswer>((resolve) => {
    queue.push({ request: { op, bytes: copy, maxPixels }, resolve });
    pump();
  });
  if (answer.error) throw new HeifDecodeError(answer.error.kind, answer.error.message);
  return answer;
}

/** The primary image's displayed size (after its transformations), without decoding pixels. */
export async function heifSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const { width, height } = await ask('size', bytes);
  return { width, height };
}

/** Decodes the primary image upright; refuses more than `maxPixels` before decoding. */
export async function decodeHeif(bytes: Uint8Array, maxPixels: number): Promise<HeifPixels> {
  const answer = await ask('decode', bytes, maxPixels);
  const data = answer.data ?? new Uint8Array(0);
  return {
    data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    width: answer.width,
    height: answer.height,
    channels: answer.channels ?? 3,
  };
}
