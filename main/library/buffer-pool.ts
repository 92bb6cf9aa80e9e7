const step = 8 * 1024 * 1024;

/**
 * Reusable read buffers for whole files (the importer's photos, the upload queue's originals). A
 * fresh multi-megabyte buffer per photo costs page faults on first touch (measured as system
 * time), and many of them, each outliving a few young-generation collections, make V8 run a full
 * collection every few hundred milliseconds for the memory outside its heap; reusing a few keeps
 * reads a plain copy.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(
    private readonly keep: number,
    private readonly largestPooled: number,
  ) {}

  /** A buffer of at least `size` bytes; give it back with `release` when nothing reads it. */
  acquire(size: number): Buffer {
    const index = this.free.findIndex((buffer) => buffer.length >= size);
    if (index >= 0) return this.free.splice(index, 1)[0] ?? Buffer.allocUnsafeSlow(size);
    const rounded = Math.ceil(size / step) * step;
    return Buffer.allocUnsafeSlow(rounded <= this.largestPooled ? rounded : size);
  }

  release(buffer: Buffer): void {
    if (buffer.length <= this.largestPooled && this.free.length < this.keep) this.free.push(buffer);
  }
}
