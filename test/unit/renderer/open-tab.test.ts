import { describe, expect, it, vi } from 'vitest';
import { openInNewTab } from '../../../renderer/bridge/open-tab';

describe('openInNewTab', () => {
  it('opens sign-in pages without giving them window.opener', () => {
    const open = vi.fn(() => null);
    openInNewTab('https://auth.example/oauth2/authorize', open);
    expect(open).toHaveBeenCalledWith(
      'https://auth.example/oauth2/authorize',
      '_blank',
      expect.stringContaining('noopener'),
    );
  });
});
