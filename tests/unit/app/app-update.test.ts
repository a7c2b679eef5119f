import { describe, expect, it } from 'vitest';
import { AppUpdate, type UpdateBlocker } from '../../../src/app/app-update.svelte';
import type { AppUpdateChannel } from '../../../src/adapters/service-worker/app-update-channel';

/** A channel driven by the test: it says when a version waits and counts the updates applied. */
function manualChannel() {
  let announce: (() => void) | undefined;
  const channel = {
    applied: 0,
    start: (onWaiting: () => void) => {
      announce = onWaiting;
      return Promise.resolve();
    },
    applyUpdate: () => {
      channel.applied++;
    },
    checkForUpdate: () => Promise.resolve(),
    newVersionWaits: () => {
      announce?.();
    },
  } satisfies AppUpdateChannel & Record<string, unknown>;
  return channel;
}

describe('AppUpdate', () => {
  it('offers nothing until a new version waits', async () => {
    const channel = manualChannel();
    const update = new AppUpdate(channel, () => undefined);
    update.start();
    expect(update.available).toBe(false);
    expect(update.canApplyNow).toBe(false);
    expect(await update.apply()).toBe(false);
    expect(channel.applied).toBe(0);
    update.stop();
  });

  it('applies a waiting version when nothing records', async () => {
    const channel = manualChannel();
    const update = new AppUpdate(channel, () => undefined);
    update.start();
    channel.newVersionWaits();
    expect(update.available).toBe(true);
    expect(update.canApplyNow).toBe(true);
    expect(await update.apply()).toBe(true);
    expect(channel.applied).toBe(1);
    update.stop();
  });

  it('keeps the new version waiting while a run or exercise records, and applies it after', async () => {
    const channel = manualChannel();
    let recording: UpdateBlocker | undefined = 'run';
    const update = new AppUpdate(channel, () => recording);
    update.start();
    channel.newVersionWaits();
    expect(update.waitingFor).toBe('run');
    expect(update.canApplyNow).toBe(false);
    expect(await update.apply()).toBe(false);
    recording = 'exercise';
    expect(update.waitingFor).toBe('exercise');
    expect(await update.apply()).toBe(false);
    expect(channel.applied).toBe(0);
    recording = undefined;
    expect(update.canApplyNow).toBe(true);
    expect(await update.apply()).toBe(true);
    expect(channel.applied).toBe(1);
    update.stop();
  });

  it('does nothing without a service worker (development, or a browser without one)', async () => {
    const update = new AppUpdate(undefined, () => undefined);
    update.start();
    expect(update.available).toBe(false);
    expect(await update.apply()).toBe(false);
    update.stop();
  });

  it('keeps the new version waiting while another tab records, and says so', async () => {
    const channel = manualChannel();
    let elsewhere = true;
    const update = new AppUpdate(
      channel,
      () => undefined,
      () => Promise.resolve(elsewhere),
    );
    update.start();
    channel.newVersionWaits();
    expect(update.canApplyNow).toBe(true);
    expect(await update.apply()).toBe(false);
    expect(update.recordingElsewhere).toBe(true);
    expect(channel.applied).toBe(0);
    elsewhere = false;
    expect(await update.apply()).toBe(true);
    expect(update.recordingElsewhere).toBe(false);
    expect(channel.applied).toBe(1);
    update.stop();
  });
});
