// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, ok } from '../../../contract/result';
import { defaultSettings } from '../../../contract/settings';
import { SettingsPanel } from '../../../renderer/components/settings-menu';
import { useSettings } from '../../../renderer/state/settings-store';
import { useCloud } from '../../../renderer/state/cloud-store';
import { cloudStatus, installFakeBridge } from './fake-bridge';

describe('<SettingsPanel>', () => {
  const fake = installFakeBridge();

  async function showPanel() {
    render(<SettingsPanel />);
    await act(() => useSettings.getState().load());
  }

  it('applies the confidence slider at once: stores it, then asks for pages and labels again', async () => {
    await showPanel();
    const slider = screen.getByRole<HTMLInputElement>('slider', {
      name: 'Minimum label confidence',
    });
    expect(slider.value).toBe('70');
    const pagesBefore = fake().bridge.library.page.mock.calls.length;
    const labelsBefore = fake().bridge.labels.list.mock.calls.length;

    fireEvent.change(slider, { target: { value: '85' } });
    expect(fake().bridge.settings.set).toHaveBeenCalledWith({ minConfidence: 85 });
    expect(screen.getByText('85%')).toBeTruthy();
    await waitFor(() => expect(fake().bridge.labels.list.mock.calls.length).toBe(labelsBefore + 1));
    expect(fake().bridge.library.page.mock.calls.length).toBe(pagesBefore + 1);
  });

  it('does not re-query for settings that do not change what is shown', async () => {
    await showPanel();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Say hello when I sign in' }));
    expect(fake().bridge.settings.set).toHaveBeenCalledWith({ greetOnSignIn: true });
    await waitFor(() =>
      expect(useSettings.getState().settings).toMatchObject({ greetOnSignIn: true }),
    );
    expect(fake().bridge.labels.list).not.toHaveBeenCalled();
  });

  it('says in words why main refused a change, and shows the setting as it still is', async () => {
    await showPanel();
    fake().bridge.settings.set.mockResolvedValueOnce(
      fail('invalid-request', 'Labelling cannot change while photos are being labelled.'),
    );
    const toggle = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Label photos with Rekognition',
    });
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Labelling cannot change while photos are being labelled.',
    );
    expect(toggle.checked).toBe(true);
  });

  it('sends a number when the field is left, and explains one out of range instead', async () => {
    await showPanel();
    const cache = screen.getByRole<HTMLInputElement>('spinbutton', {
      name: 'Cache for originals from the cloud',
    });
    expect(cache.value).toBe(String(defaultSettings.originalsCacheMb));
    fireEvent.change(cache, { target: { value: '5' } });
    fireEvent.blur(cache);
    expect(screen.getByText('Enter a whole number from 100 to 1,000,000.')).toBeTruthy();
    expect(fake().bridge.settings.set).not.toHaveBeenCalled();

    fireEvent.change(cache, { target: { value: '4096' } });
    fireEvent.keyDown(cache, { key: 'Enter' });
    expect(fake().bridge.settings.set).toHaveBeenCalledExactlyOnceWith({ originalsCacheMb: 4096 });
    fake().bridge.settings.set.mockResolvedValueOnce(
      ok({ ...defaultSettings, uploadConcurrency: 2 }),
    );
    const uploads = screen.getByRole('spinbutton', { name: 'Photos uploaded at once' });
    fireEvent.change(uploads, { target: { value: '2' } });
    fireEvent.blur(uploads);
    expect(fake().bridge.settings.set).toHaveBeenLastCalledWith({ uploadConcurrency: 2 });
  });

  it('keeps photos in the Trash for the days set, from 1 to 365', async () => {
    await showPanel();
    const days = screen.getByRole<HTMLInputElement>('spinbutton', {
      name: 'Keep photos in the Trash for',
    });
    expect(days.value).toBe('30');
    fireEvent.change(days, { target: { value: '400' } });
    fireEvent.blur(days);
    expect(fake().bridge.settings.set).not.toHaveBeenCalled();
    fireEvent.change(days, { target: { value: '7' } });
    fireEvent.blur(days);
    expect(fake().bridge.settings.set).toHaveBeenCalledExactlyOnceWith({ trashDays: 7 });
  });

  it('shows the diagnostics to copy by hand when the clipboard refuses them', async () => {
    await showPanel();
    const text = 'Shoebox diagnostics\n{ "app": 1 }';
    fake().bridge.app.diagnostics.mockResolvedValue(ok({ text }));
    const writeText = vi.fn(async (_text: string): Promise<void> =>
      Promise.reject(new Error('denied')),
    );
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });

    fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The clipboard refused the text: select it below and copy it.',
    );
    expect(writeText).toHaveBeenCalledWith(text);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Diagnostics' }).value).toBe(
      text,
    );

    writeText.mockResolvedValueOnce(undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect(await screen.findByText('Diagnostics copied to the clipboard.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Diagnostics' })).toBeNull();
  });

  it('with a stack that labels in the cloud, says so and leaves the label count to it', async () => {
    await showPanel();
    expect(screen.getByRole('checkbox', { name: 'Label photos with Rekognition' })).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'Labels asked for per photo' })).toBeTruthy();

    act(() =>
      useCloud.getState().changed(cloudStatus({ cloudLabelling: { sent: 1, waiting: 0 } })),
    );
    expect(screen.getByRole('checkbox', { name: 'Label photos in your cloud' })).toBeTruthy();
    expect(screen.queryByRole('spinbutton', { name: 'Labels asked for per photo' })).toBeNull();
    expect(
      screen.getByText('Your cloud’s labeller decides how many labels it asks for.'),
    ).toBeTruthy();
  });
});
