// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail } from '../../../contract/result';
import { VoicePicker } from '../../../renderer/components/voice-picker';
import { useVoiceList } from '../../../renderer/state/voice-list-store';
import { installFakeBridge } from './fake-bridge';

describe('<VoicePicker>', () => {
  const fake = installFakeBridge();

  it('groups the voices by language and names each one’s engines', async () => {
    render(<VoicePicker />);
    const picker = screen.getByLabelText<HTMLSelectElement>('Voice');
    expect(picker.disabled).toBe(true);
    await act(() => useVoiceList.getState().load());

    const groups = [...picker.querySelectorAll('optgroup')];
    expect(groups.map((group) => group.label)).toEqual(['German', 'US English']);
    expect([...groups[1]!.querySelectorAll('option')].map((option) => option.text)).toEqual([
      'Ivy — neural, standard',
      'Joanna — generative, neural, standard',
    ]);
    expect(picker.value).toBe('Joanna');
    expect(picker.disabled).toBe(false);
  });

  it('sends the choice to main and shows it chosen', async () => {
    render(<VoicePicker />);
    await act(() => useVoiceList.getState().load());
    fireEvent.change(screen.getByLabelText('Voice'), { target: { value: 'Hans' } });
    expect(fake().bridge.voice.select).toHaveBeenCalledWith('Hans');
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLSelectElement>('Voice').value).toBe('Hans'),
    );
  });

  it('says why there is no list (offline)', async () => {
    fake().bridge.voice.list.mockResolvedValueOnce(fail('offline', "Polly can't be reached."));
    render(<VoicePicker />);
    await act(() => useVoiceList.getState().load());
    expect(screen.getByRole('alert').textContent).toBe("Polly can't be reached.");
    expect(screen.getByLabelText<HTMLSelectElement>('Voice').disabled).toBe(true);
  });
});
