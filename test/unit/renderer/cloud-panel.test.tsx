// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { CloudStatus } from '../../../contract/cloud';
import { CloudPanel } from '../../../renderer/components/cloud-panel';
import { useAuth } from '../../../renderer/state/auth-store';
import { useCloud } from '../../../renderer/state/cloud-store';
import { focusSyncGapMs } from '../../../renderer/state/cloud-view';
import { resetAllStores } from '../../../renderer/state/create-store';
import { cloudStatus, fakeBridge } from './fake-bridge';

const mb = 1024 * 1024;
const uploading = cloudStatus({
  state: 'running',
  queued: 4,
  failed: 1,
  uploaded: 2,
  alreadyInCloud: 3,
  bytesDone: 12 * mb,
  bytesTotal: 40 * mb,
  bytesPerSecond: 2 * mb,
  secondsLeft: 14,
  active: [
    { id: 31, filename: 'IMG_31.jpg', sentBytes: 1 * mb, size: 4 * mb },
    { id: 32, filename: 'IMG_32.jpg', sentBytes: 3 * mb, size: 6 * mb },
  ],
});

describe('<CloudPanel>', () => {
  let fake: ReturnType<typeof fakeBridge>;

  function show(status: CloudStatus) {
    render(<CloudPanel />);
    act(() => useCloud.getState().changed(status));
    return screen.queryByRole('region', { name: 'Uploads' });
  }

  beforeEach(() => {
    fake = fakeBridge();
    window.shoebox = fake.bridge;
  });
  afterEach(() => {
    cleanup();
    resetAllStores();
    delete window.shoebox;
  });

  it('shows total and per-file progress, speed, time left and the counts', () => {
    const panel = show(uploading)!;
    expect(within(panel).getByText('Uploading 6 photos to your cloud')).toBeTruthy();
    const total = within(panel).getByRole<HTMLProgressElement>('progressbar', {
      name: 'Upload progress',
    });
    expect([total.value, total.max]).toEqual([12 * mb, 40 * mb]);
    expect(within(panel).getByText('12.0 MB of 40.0 MB · 2.0 MB/s · about 14 s left')).toBeTruthy();
    const file = within(panel).getByRole<HTMLProgressElement>('progressbar', {
      name: 'IMG_32.jpg upload progress',
    });
    expect([file.value, file.max]).toEqual([3 * mb, 6 * mb]);
    expect(within(panel).getByText(/4 waiting · 1 failed/)).toBeTruthy();
    expect(
      within(panel).getByText('3 photos were already in the cloud and were not uploaded again.'),
    ).toBeTruthy();
  });

  it('pauses or cancels one file, or all of them', () => {
    const panel = show(uploading)!;
    fireEvent.click(within(panel).getByRole('button', { name: 'Pause IMG_31.jpg' }));
    expect(fake.bridge.cloud.pause).toHaveBeenLastCalledWith(31);
    fireEvent.click(within(panel).getByRole('button', { name: 'Cancel IMG_32.jpg' }));
    expect(fake.bridge.cloud.cancel).toHaveBeenLastCalledWith(32);
    fireEvent.click(within(panel).getByRole('button', { name: 'Pause all' }));
    expect(fake.bridge.cloud.pause).toHaveBeenLastCalledWith(undefined);
    fireEvent.click(within(panel).getByRole('button', { name: 'Cancel all' }));
    expect(fake.bridge.cloud.cancel).toHaveBeenLastCalledWith(undefined);
  });

  it('offers Resume all when paused', () => {
    const panel = show(cloudStatus({ state: 'paused', paused: 5, bytesTotal: 10, bytesDone: 2 }))!;
    expect(within(panel).getByText('Uploads paused')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Pause all' })).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Resume all' }));
    expect(fake.bridge.cloud.resume).toHaveBeenLastCalledWith(undefined);
  });

  it('says why it is waiting (offline)', () => {
    const panel = show(
      cloudStatus({ state: 'waiting', queued: 2, message: 'Offline: uploads resume when back.' }),
    )!;
    expect(within(panel).getByText('Offline: uploads resume when back.')).toBeTruthy();
  });

  it('stays hidden when signed out, and when there is nothing to tell', () => {
    expect(show(cloudStatus({ state: 'signed-out', queued: 9 }))).toBeNull();
    act(() => useCloud.getState().changed(cloudStatus()));
    expect(screen.queryByRole('region', { name: 'Uploads' })).toBeNull();
  });

  it('keeps a finished summary until dismissed', () => {
    const panel = show(cloudStatus({ uploaded: 8, alreadyInCloud: 1 }))!;
    expect(
      within(panel).getByText('1 photo was already in the cloud and was not uploaded again.'),
    ).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Uploads' })).toBeNull();
  });
});

describe('sync on focus', () => {
  let fake: ReturnType<typeof fakeBridge>;
  const signedIn = {
    status: 'signed-in',
    nickname: 'Ana',
    email: null,
    connection: 'online',
    message: null,
    persistence: 'keychain',
    caveat: null,
  } as const;

  beforeEach(() => {
    fake = fakeBridge();
    window.shoebox = fake.bridge;
  });
  afterEach(() => {
    resetAllStores();
    delete window.shoebox;
  });

  it('asks main to sync when signed in, at most once a minute', () => {
    const { focusGained } = useCloud.getState();
    focusGained(1_000);
    expect(fake.bridge.cloud.sync).not.toHaveBeenCalled(); // nobody signed in
    useAuth.getState().changed(signedIn);
    focusGained(2_000);
    focusGained(3_000);
    expect(fake.bridge.cloud.sync).toHaveBeenCalledTimes(1);
    focusGained(2_000 + focusSyncGapMs);
    expect(fake.bridge.cloud.sync).toHaveBeenCalledTimes(2);
  });
});
