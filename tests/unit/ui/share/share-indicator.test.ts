import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { m } from '../../../../src/paraglide/messages.js';
import type { ShareStatusView } from '../../../../src/app/live-share-ports';
import ShareIndicator from '../../../../src/ui/share/ShareIndicator.svelte';

function view(
  state: ShareStatusView['state'],
  lastProblem?: ShareStatusView['lastProblem'],
): ShareStatusView {
  return { state, invitedBy: 'Anna', lastProblem, stop: () => undefined };
}

function shown(share: ShareStatusView): string {
  return render(ShareIndicator, { props: { share } }).body.replace(/<!--[^>]*-->/gu, '');
}

describe('the run screen share indicator', () => {
  it('says who receives the readings, how the connection stands, and offers one-tap stop', () => {
    const html = shown(view('sharing'));
    expect(html).toContain(m.shareSharingWith({ name: 'Anna' }));
    expect(html).toContain(m.shareStates_sharing());
    expect(html).toContain(m.shareStop());
    expect(html).toContain('data-state="sharing"');
  });

  it('tells a lost connection in words, with the last problem, while sharing is still on', () => {
    const html = shown(view('reconnecting', 'unreachable'));
    expect(html).toContain(m.shareStates_reconnecting());
    expect(html).toContain(m.shareRunProblems_unreachable());
    expect(html).toContain(m.shareStop());
  });

  it('says sharing stopped and the run goes on, with no stop button left', () => {
    const html = shown(view('off'));
    expect(html).toContain(m.shareStopped());
    expect(html).not.toContain(m.shareStop());
  });
});
