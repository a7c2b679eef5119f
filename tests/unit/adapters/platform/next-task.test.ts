import { describe, expect, it } from 'vitest';
import { inNextTask } from '../../../../src/adapters/platform/next-task';

/** Resolves after the event loop has had a few turns: messages and immediates delivered. */
function turns(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => {
      setImmediate(resolve);
    });
  });
}

describe('inNextTask', () => {
  it('runs the tasks after the current one, in the order they were queued', async () => {
    const ran: string[] = [];
    inNextTask(() => ran.push('first'));
    inNextTask(() => ran.push('second'));
    await Promise.resolve();
    // Not within the current task, nor at its microtasks.
    expect(ran).toEqual([]);
    await turns();
    expect(ran).toEqual(['first', 'second']);

    inNextTask(() => ran.push('later'));
    await turns();
    expect(ran).toEqual(['first', 'second', 'later']);
  });

  it('runs every task although one of them throws', async () => {
    const ran: string[] = [];
    const thrown: unknown[] = [];
    const onError = (error: unknown) => thrown.push(error);
    process.on('uncaughtException', onError);
    try {
      inNextTask(() => {
        throw new Error('one task fails');
      });
      inNextTask(() => ran.push('the next still runs'));
      await turns();
      await turns();
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(ran).toEqual(['the next still runs']);
    expect(thrown).toEqual([new Error('one task fails')]);
  });
});
