import { describe, expect, it } from 'vitest';
import { OutageWait } from '../../../main/aws/outage-wait';

describe('OutageWait', () => {
  it('doubles each round that fails again, up to the longest wait, and joins a running one', () => {
    let now = 1000;
    const wait = new OutageWait(() => now, 100, 350);
    expect(wait.waitingUntil()).toBeNull();
    expect(wait.start()).toBe(1100);
    now = 1050;
    expect(wait.start()).toBe(1100); // failing during the wait joins it
    expect(wait.isWaiting()).toBe(true);
    now = 1100;
    expect(wait.isWaiting()).toBe(false);
    expect(wait.start()).toBe(1300); // second round: 200
    now = 1300;
    expect(wait.start()).toBe(1650); // third round: 400, capped at 350
  });

  it('ends a wait without forgetting the rounds, and starts over once the cloud answers', () => {
    let now = 0;
    const wait = new OutageWait(() => now, 100);
    wait.start();
    wait.end();
    expect(wait.isWaiting()).toBe(false);
    expect(wait.start()).toBe(200);
    wait.recovered();
    now = 10;
    expect(wait.start()).toBe(110);
  });
});
