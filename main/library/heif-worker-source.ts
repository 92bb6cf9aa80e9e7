/**
 * The HEIF worker's code, run with `new Worker(source, { eval: true })` so that it needs no
 * separate build entry and runs the same from sources (tests) and from the bundle. Plain
 * CommonJS; `workerData` names libheif-js's script and WebAssembly files. Each message is
 * `{ op: 'size' | 'decode', bytes, maxPixels }`; each answer `{ width, height, channels, data }`
 * or `{ error: { kind, message } }`.
 */
export const heifWorkerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const factory = require(workerData.script);
// Given the binary, emscripten instantiates synchronously.
const lib = factory({ wasmBinary: readFileSync(workerData.wasm) });

function fail(kind, message) {
  const error = new Error(message);
  error.kind = kind;
  throw error;
}

function isError(value) {
  return value && typeof value === 'object' && 'code' in value && 'message' in value;
}

function withPrimaryImage(bytes, use) {
  const context = lib.heif_context_alloc();
  try {
    const read = lib.heif_context_read_from_memory(context, bytes);
    if (read.code.value !== 0) fail('unreadable', read.message);
    const handle = lib.heif_js_context_get_primary_image_handle(context);
    if (isError(handle)) fail('unreadable', handle.message);
    try {
      return use(handle);
    } finally {
      lib.heif_image_handle_release(handle);
    }
  } finally {
    lib.heif_context_free(context);
  }
}

function decode(handle, maxPixels) {
  const width = lib.heif_image_handle_get_width(handle);
  const height = lib.heif_image_handle_get_height(handle);
  if (width * height > maxPixels) {
    fail('too-many-pixels', 'This image is ' + width + ' × ' + height + ' pixels, more than Shoebox decodes.');
  }
  const alpha = lib.heif_image_handle_has_alpha_channel(handle) !== 0;
  const chroma = alpha
    ? lib.heif_chroma.heif_chroma_interleaved_RGBA
    : lib.heif_chroma.heif_chroma_interleaved_RGB;
  const decoded = lib.heif_js_decode_image2(handle, lib.heif_colorspace.heif_colorspace_RGB, chroma);
  const plane = decoded && decoded.channels && decoded.channels[0];
  if (!plane || (decoded.code && decoded.code.value !== 0)) {
    fail('unreadable', (decoded && decoded.message) || 'libheif could not decode it');
  }
  try {
    const channels = alpha ? 4 : 3;
    const row = plane.width * channels;
    // Rows may be padded to a stride; sharp wants them packed.
    const data = new Uint8Array(row * plane.height);
    for (let y = 0; y < plane.height; y++) {
      data.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
    }
    return { width: plane.width, height: plane.height, channels, data };
  } finally {
    lib.heif_image_release(decoded.image);
  }
}

parentPort.on('message', ({ op, bytes, maxPixels }) => {
  try {
    const answer = withPrimaryImage(bytes, (handle) =>
      op === 'size'
        ? { width: lib.heif_image_handle_get_width(handle), height: lib.heif_image_handle_get_height(handle) }
        : decode(handle, maxPixels),
    );
    parentPort.postMessage(answer, answer.data ? [answer.data.buffer] : []);
  } catch (error) {
    const kind = error && error.kind === 'too-many-pixels' ? 'too-many-pixels' : 'unreadable';
    parentPort.postMessage({ error: { kind, message: String((error && error.message) || error) } });
  }
});
`;
