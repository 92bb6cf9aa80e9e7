// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail } from '../../../contract/result';
import { GreetingButton } from '../../../renderer/components/greeting-button';
import { resetAllStores } from '../../../renderer/state/create-store';
import { systemVoiceNote } from '../../../renderer/state/voice-store';
import { fakeBridge } from './fake-bridge';

describe('<GreetingButton>', () => {
  let fake: ReturnType<typeof fakeBridge>;
  const play = vi.fn(async () => undefined);
  const speak = vi.fn();

  beforeEach(() => {
    fake = fakeBridge();
    window.shoebox = fake.bridge;
    // jsdom has neither media playback nor speech synthesis; these are the browser's ports.
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(play);
    vi.stubGlobal('speechSynthesis', { speak, cancel: vi.fn() });
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        constructor(readonly text: string) {}
      },
    );
  });
  afterEach(() => {
    cleanup();
    resetAllStores();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    play.mockClear();
    speak.mockClear();
    delete window.shoebox;
  });

  it('plays the greeting main answers from the media path', async () => {
    render(<GreetingButton nickname="Ana" />);
    fireEvent.click(screen.getByRole('button', { name: 'Say hello' }));
    await waitFor(() => expect(play).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('greeting-audio').getAttribute('src')).toBe(
      `/media/voice/${'ab'.repeat(32)}`,
    );
    expect(speak).not.toHaveBeenCalled();
  });

  it('offline, says the same words with the system voice and says so', async () => {
    fake.bridge.voice.greet.mockResolvedValueOnce(fail('offline', "Polly can't be reached."));
    render(<GreetingButton nickname={'<b>Ana</b> & co'} />);
    fireEvent.click(screen.getByRole('button', { name: 'Say hello' }));
    expect((await screen.findByRole('status')).textContent).toBe(systemVoiceNote);
    expect(speak).toHaveBeenCalledWith(
      expect.objectContaining({ text: 'Hello, <b>Ana</b> & co!' }),
    );
    expect(play).not.toHaveBeenCalled();
  });

  it('shows any other failure as it is, without a fallback', async () => {
    fake.bridge.voice.greet.mockResolvedValueOnce(fail('speech-failed', 'Polly refused.'));
    render(<GreetingButton nickname="Ana" />);
    fireEvent.click(screen.getByRole('button', { name: 'Say hello' }));
    expect((await screen.findByRole('status')).textContent).toBe('Polly refused.');
    expect(speak).not.toHaveBeenCalled();
  });
});
