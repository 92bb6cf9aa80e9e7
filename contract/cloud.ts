/** One file being uploaded right now. */
export interface ActiveUpload {
  readonly id: number;
  readonly filename: string;
  readonly sentBytes: number;
  readonly size: number;
}

/**
 * The upload queue and sync as the renderer shows them (the `cloud.status` event and channel).
 * `state`: `idle` (nothing to do), `running`, `paused` (by the person), `waiting` (work is
 * queued but cannot go now: offline, or credentials are being renewed; `message` says which),
 * `signed-out` (nothing uploads until someone signs in).
 */
export interface CloudStatus {
  readonly state: 'idle' | 'running' | 'paused' | 'waiting' | 'signed-out';
  readonly message: string | null;
  /** Photos waiting their turn; those uploading right now are in `active`, not here. */
  readonly queued: number;
  readonly paused: number;
  readonly failed: number;
  /** Photos uploaded since the app started, and photos found already in the cloud (not sent). */
  readonly uploaded: number;
  readonly alreadyInCloud: number;
  /** Bytes of the queue (this run's work) sent so far and in all; the basis of the total bar. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly bytesPerSecond: number;
  /** null while the speed is not yet known. */
  readonly secondsLeft: number | null;
  readonly active: readonly ActiveUpload[];
  /**
   * Present when the stack labels in the cloud: photos whose derivative went up and whose labels
   * have not come back yet (`sent`), and photos waiting for their upload first (`waiting`).
   */
  readonly cloudLabelling?: { readonly sent: number; readonly waiting: number };
  readonly sync: {
    readonly state: 'idle' | 'running' | 'failed';
    /** Epoch milliseconds of the last sync that finished, null if none yet. */
    readonly lastAt: number | null;
    readonly message: string | null;
  };
}
