import { buildBridge, type Transport } from '../../contract/bridge';
import type { RendererBridge, RendererHostSpecifics } from './renderer-bridge';
import type { ImportStarted } from '../../contract/channels';
import type { ImportFailure, ImportFailureReason } from '../../contract/import';
import { fail, ok, type Result } from '../../contract/result';
import {
  collectDroppedFiles,
  collectPickedFiles,
  type CollectedDrop,
  type FileToSend,
} from './collect-dropped-files';
import { openInNewTab } from './open-tab';
import { startDownload } from './start-download';
import { socketTransport } from './socket-transport';

const parallelUploads = 4;

/** What the host's refusal of one file means (its words come in the body). */
const refusalReasons: Partial<Record<number, ImportFailureReason>> = {
  413: 'too-large',
  507: 'disk-full',
};

/**
 * `window.shoebox` for the browser host. A browser cannot tell the host where a file lives,
 * so dropped and picked files are sent to the host, which imports them like a dropped folder.
 */
export function createWebBridge(onDisconnected: () => void): RendererBridge {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const transport = socketTransport(wsUrl, onDisconnected);
  const host: RendererHostSpecifics = {
    host: 'web',
    mediaBase: '/media/',
    importDropped: async (items) => sendAndImport(transport, await collectDroppedFiles(items)),
    openHostedUi: (url) => openInNewTab(url),
    download: (address) => startDownload(address),
    pick: async (kind) => {
      const files = await pickFiles(kind);
      return files ? sendAndImport(transport, collectPickedFiles(files)) : ok(null);
    },
  };
  return buildBridge(transport, host);
}

/**
 * Sends the files to the host under one batch id, then asks it to import that batch. What the
 * browser could not read is reported with the files the host refused.
 */
async function sendAndImport(
  transport: Transport,
  { files, leftOut }: CollectedDrop,
): Promise<Result<ImportStarted | null>> {
  if (files.length === 0 && leftOut.length === 0) return ok(null);
  const batch = crypto.randomUUID();
  const rejected: ImportFailure[] = [...leftOut];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const item = files[next++];
      if (!item) return;
      const refusal = await upload(batch, item);
      if (refusal) rejected.push(refusal);
    }
  };
  await Promise.all(Array.from({ length: parallelUploads }, worker));
  if (rejected.length === files.length + leftOut.length) {
    const first = rejected[0];
    return fail(
      'invalid-request',
      `None of the files could be sent to Shoebox${first ? `: ${first.path}: ${first.message}` : '.'}`,
    );
  }
  const started = await transport.invoke('import.received', { batch });
  return started.ok ? ok({ jobId: started.value.jobId, rejected }) : started;
}

async function upload(batch: string, item: FileToSend): Promise<ImportFailure | null> {
  try {
    const response = await fetch(`/upload/${batch}?path=${encodeURIComponent(item.path)}`, {
      method: 'POST',
      body: item.file,
    });
    if (response.ok) return null;
    const reason = refusalReasons[response.status] ?? 'unreadable';
    return { path: item.path, reason, message: await response.text() };
  } catch {
    return {
      path: item.path,
      reason: 'unreadable',
      message: 'The browser could not read this file to send it.',
    };
  }
}

function pickFiles(kind: 'files' | 'folder'): Promise<FileList | null> {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  if (kind === 'folder') input.webkitdirectory = true;
  else input.accept = 'image/*';
  return new Promise((resolve) => {
    input.addEventListener('change', () =>
      resolve(input.files && input.files.length > 0 ? input.files : null),
    );
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}
