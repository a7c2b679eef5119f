import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { m } from '../../../../src/paraglide/messages.js';
import type { RunnerShareState } from '../../../../src/app/live-share-runner.svelte';
import ShareIndicator from '../../../../src/ui/share/ShareIndicator.svelte';

function shown(state: RunnerShareState): string {
  return render(ShareIndicator, {
    props: { state, invitedBy: 'Anna', onstop: () => undefined },
  }).body.replace(/<!--[^>]*-->/gu, '');
}

describe('the run screen share indicator', () => {
  it('says who receives the readings, how the connection stands, and offers one-tap stop', () => {
    const html = shown('sharing');
    expect(html).toContain(m.shareSharingWith({ name: 'Anna' }));
    expect(html).toContain(m.shareStates_sharing());
    expect(html).toContain(m.shareStop());
    expect(html).toContain('data-state="sharing"');
  });

  it('tells a lost connection in words, while sharing is still on', () => {
    const html = shown('reconnecting');
    expect(html).toContain(m.shareStates_reconnecting());
    expect(html).toContain(m.shareStop());
  });

  it('says sharing stopped and the run goes on, with no stop button left', () => {
    const html = shown('off');
    expect(html).toContain(m.shareStopped());
    expect(html).not.toContain(m.shareStop());
  });
});
