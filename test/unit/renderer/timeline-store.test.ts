// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ViewDays } from '../../../contract/photos';
import { fail, ok, type Result } from '../../../contract/result';
import { useLibrary } from '../../../renderer/state/library-store';
import { viewKey } from '../../../renderer/state/library-view';
import { useTimeline } from '../../../renderer/state/timeline-store';
import { installFakeBridge } from './fake-bridge';

const daysOf = (count: number): ViewDays => ({
  basis: 'taken',
  days: [{ day: '2024-05-06', count, undated: 0 }],
});

describe('useTimeline', () => {
  const fake = installFakeBridge();

  it('asks for the view’s days once per generation, and a later answer wins', async () => {
    let answerFirst: (value: Result<ViewDays | null>) => void = () => undefined;
    fake()
      .bridge.library.days.mockImplementationOnce(
        () => new Promise((resolve) => (answerFirst = resolve)),
      )
      .mockResolvedValueOnce(ok(daysOf(2)));
    const view = { ...useLibrary.getState(), sort: 'taken-asc' as const, label: 'Dog' };
    const first = useTimeline.getState().load(view, 1);
    void useTimeline.getState().load(view, 1); // the same generation: not asked again
    await useTimeline.getState().load(view, 2);
    answerFirst(ok(daysOf(1)));
    await first;
    expect(fake().bridge.library.days).toHaveBeenCalledTimes(2);
    expect(fake().bridge.library.days).toHaveBeenCalledWith({ sort: 'taken-asc', label: 'Dog' });
    expect(useTimeline.getState()).toMatchObject({
      generation: 2,
      days: daysOf(2),
      view: viewKey(view),
    });
  });

  it('leaves the grid plain when main cannot count the days', async () => {
    fake().bridge.library.days.mockResolvedValue(fail('internal', 'The catalog is locked.'));
    await useTimeline.getState().load(useLibrary.getState(), 3);
    expect(useTimeline.getState().days).toBeNull();
  });
});
