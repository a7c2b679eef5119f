import { m } from '../../src/paraglide/messages.js';
import type { RunnerProfile } from '../../src/core/zones/runner-profile';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser, type AppPage } from './support/browser';
import { button, expectState, stateOf } from './support/calm-run-page';
import { EmulatedBluetooth, type EmulatedStrap } from './support/emulated-strap';
import { attributeOf, expectAttribute, expectText, textOf } from './support/expect-page';
import {
  chooseRunner,
  groupTile,
  GroupTraffic,
  packetOf,
  pairRunnersStrap,
  seedPreferences,
  storedSessions,
  strapRow,
  tileOrder,
  type StoredSession,
} from './support/group-run';
import { chunkWrites, openHistory, watchChunkWrites } from './support/sessions';
import { formatClock } from '../../src/ui/format/format-duration';

const browser = useBrowser();

/** Eight runners, each with their own fixed zone (lows 110..131 bpm, 15 bpm wide). */
const names = ['Anouk', 'Bas', 'Carmen', 'Dirk', 'Esra', 'Floor', 'Gert', 'Hamid'] as const;
const runners: RunnerProfile[] = names.map((name, index) => ({
  id: `runner-${index + 1}`,
  name,
  ageYears: 30 + index * 3,
  restingHrBpm: 60 + index,
  maxHrSource: 'tanaka',
  zone: { lowBpm: 110 + index * 3, highBpm: 125 + index * 3, method: 'fixed' },
}));

function zoneOf(name: string): { low: number; high: number } {
  const zone = runners.find((runner) => runner.name === name)?.zone;
  if (!zone) throw new Error(`No zone for ${name}`);
  return { low: zone.lowBpm, high: zone.highBpm };
}

/** In the middle of the runner's zone. */
function calmBpm(name: string): number {
  const { low, high } = zoneOf(name);
  return Math.round((low + high) / 2);
}

interface GroupPage {
  app: AppPage;
  page: Page;
  bluetooth: EmulatedBluetooth;
  straps: Map<string, EmulatedStrap>;
}

/** The app on the group screen with the eight profiles seeded and each runner's strap in range. */
async function openGroupScreen(options: { watchChunks?: boolean } = {}): Promise<GroupPage> {
  let started: EmulatedBluetooth | undefined;
  const app = await openApp(browser(), {
    path: '/#/group',
    beforeLoad: async (context, page) => {
      await seedPreferences(context, runners);
      if (options.watchChunks === true) await watchChunkWrites(context);
      started = await EmulatedBluetooth.start(browser(), context, page);
    },
  });
  const bluetooth = started;
  if (!bluetooth) throw new Error('The Bluetooth emulation did not start');
  const straps = new Map<string, EmulatedStrap>();
  for (const [index, name] of names.entries()) {
    straps.set(
      name,
      await bluetooth.addStrap({
        address: `C0:00:00:00:00:${(index + 1).toString(16).padStart(2, '0').toUpperCase()}`,
        name: `Strap of ${name}`,
        batteryPercent: 80 - index,
      }),
    );
  }
  await app.page.getByRole('heading', { name: m.groupTitle(), exact: true, level: 1 }).waitFor();
  return { app, page: app.page, bluetooth, straps };
}

function strapOf(group: GroupPage, name: string): EmulatedStrap {
  const strap = group.straps.get(name);
  if (!strap) throw new Error(`No strap for ${name}`);
  return strap;
}

/** Ticks every runner and pairs each one's strap through the chooser, one after another. */
async function buildGroup(group: GroupPage, chosen: readonly string[] = names): Promise<void> {
  const { page, bluetooth } = group;
  for (const name of chosen) await chooseRunner(page, name);
  for (const name of chosen) await pairRunnersStrap(page, bluetooth, name, strapOf(group, name));
}

/** Starts the group run and waits for a tile per runner, each with its name and zone band. */
async function startGroup(page: Page): Promise<void> {
  await page.getByTestId('start-group-run').click();
  await page.waitForURL((url) => url.hash === '#/group/run');
  await expectAttribute(page.getByTestId('group-tile'), 'data-runner', names.join(' | '));
  for (const name of names) {
    const { low, high } = zoneOf(name);
    await expectText(groupTile(page, name).getByRole('heading', { level: 2 }), name);
    expect(await textOf(groupTile(page, name).getByTestId('tile-zone'))).toContain(m.yourZone({ low, high }));
  }
}

function trafficOf(group: GroupPage): GroupTraffic {
  return new GroupTraffic(names.map((name) => ({ name, strap: strapOf(group, name), bpm: calmBpm(name) })));
}

/** Whether every tile is in its zone and calm (none raised), and they stand in the group's own order. */
async function calmInGroupOrder(page: Page): Promise<boolean> {
  const tiles = page.getByTestId('group-tile');
  const every = (value: string) => names.map(() => value).join(' | ');
  return (
    (await attributeOf(tiles, 'data-zone-state')) === every('in') &&
    (await attributeOf(tiles, 'data-raised')) === every('false') &&
    (await tileOrder(page)).join() === names.join()
  );
}

function summaryRow(page: Page, name: string) {
  return page.locator(`[data-testid="group-summary-row"][data-runner="${name}"]`);
}

function sessionOf(sessions: readonly StoredSession[], name: string): StoredSession {
  const found = sessions.filter((session) => session.meta.runnerName === name);
  expect(found, `${name}'s sessions`).toHaveLength(1);
  const [session] = found;
  if (!session) throw new Error(`No session for ${name}`);
  return session;
}

describe('a supervised group run with eight straps over Web Bluetooth', () => {
  it('pairs eight straps, shows who needs attention, ends runs one by one, and stores every beat per runner', async () => {
    const group = await openGroupScreen();
    const { app, page, bluetooth } = group;

    // 1. The group, built as the therapist does: eight runners ticked, each strap paired through the chooser.
    await buildGroup(group);
    expect(bluetooth.prompts.map((prompt) => prompt.answer)).toEqual(
      names.map((name) => strapOf(group, name).address),
    );
    for (const name of names) {
      expect(await textOf(strapRow(page, name).locator('.strap-name'))).toBe(`Strap of ${name}`);
    }
    // Two runners say how they feel; the others skip.
    const moods = { Anouk: { feeling: '3', arousal: '2' }, Dirk: { feeling: '-1', arousal: '5' } };
    for (const [name, mood] of Object.entries(moods)) {
      const row = page.getByTestId('mood-row').filter({ hasText: name });
      await row.getByTestId('mood-feeling').selectOption(mood.feeling);
      await row.getByTestId('mood-arousal').selectOption(mood.arousal);
    }
    await startGroup(page);

    // 2. Every strap sends; once each tile has readings, all are calm and stand in the group's order.
    const traffic = trafficOf(group);
    await traffic.until(() => calmInGroupOrder(page), 'every tile calm, in the group order');
    for (const name of names) {
      await expectText(
        groupTile(page, name).getByTestId('battery'),
        m.batteryPercent({ percent: 80 - names.indexOf(name) }),
      );
      expect(await stateOf(groupTile(page, name))).toBe('live');
    }

    // Carmen surges well above her zone: only her tile rises, to the top, with the reason in words.
    const surging = traffic.runner('Carmen');
    surging.bpm = zoneOf('Carmen').high + 25;
    const carmen = groupTile(page, 'Carmen');
    await traffic.until(
      async () => (await attributeOf(carmen, 'data-raised')) === 'true',
      "Carmen's tile raised",
    );
    expect(await attributeOf(carmen, 'data-zone-state')).toBe('above');
    expect(await textOf(carmen.getByTestId('tile-attention'))).toBe(m.attentionReasons_aboveZone());
    const others = names.filter((name) => name !== 'Carmen');
    expect(await tileOrder(page)).toEqual(['Carmen', ...others]);
    for (const name of others) expect(await attributeOf(groupTile(page, name), 'data-raised')).toBe('false');
    // The surge settles: Carmen goes back to calm.
    surging.bpm = calmBpm('Carmen');

    // Esra's strap drops out of range: her tile says it is reconnecting, then is live again by itself.
    const esra = traffic.runner('Esra');
    const esraTile = groupTile(page, 'Esra');
    esra.sending = false;
    await esra.strap.goAway();
    const lastBeforeDropout = esra.sent.at(-1)?.sentAtWallMs ?? Number.NaN;
    // Out of range for longer than a gap (5 s): the others keep sending meanwhile.
    await traffic.until(
      async () =>
        (await stateOf(esraTile)) === 'reconnecting' &&
        (await attributeOf(esraTile, 'data-raised')) === 'true' &&
        Date.now() - lastBeforeDropout > 6_000,
      "Esra's tile raised, reconnecting for over 5 s",
    );
    expect(await textOf(esraTile.getByTestId('tile-attention'))).toContain(m.attentionReasons_reconnecting());
    await esra.strap.comeBack();
    await traffic.until(async () => (await stateOf(esraTile)) === 'live', "Esra's strap live again");
    esra.sending = true;

    // Gert's strap slips off the skin: his tile says so.
    const gert = traffic.runner('Gert');
    const gertTile = groupTile(page, 'Gert');
    gert.contact = false;
    await traffic.until(
      async () => (await textOf(gertTile.getByTestId('contact'))) === m.contactNone(),
      "Gert's tile saying there is no skin contact",
    );
    expect(await textOf(gertTile.getByTestId('tile-attention'))).toContain(m.attentionReasons_contactLost());
    gert.contact = true;
    await traffic.until(
      async () => (await gertTile.getByTestId('contact').count()) === 0,
      "Gert's contact back",
    );

    // 3. Bas stops early: his run ends from his tile, the others go on.
    const bas = traffic.runner('Bas');
    bas.sending = false;
    const basTile = groupTile(page, 'Bas');
    await basTile.getByRole('button', { name: m.groupEndRunFor({ name: 'Bas' }), exact: true }).click();
    await basTile.getByRole('button', { name: m.groupEndYes(), exact: true }).click();
    await basTile.getByTestId('tile-ended').waitFor();
    await expectText(page.getByTestId('group-running-count'), m.groupRunningCount({ count: 7 }));
    const anouk = traffic.runner('Anouk');
    anouk.bpm = calmBpm('Anouk') + 4;
    await traffic.until(
      async () =>
        (await textOf(groupTile(page, 'Anouk').getByTestId('heart-rate'))) ===
        String(anouk.sent.at(-1)?.heartRateBpm),
      "Anouk's tile following her strap",
    );

    // Then the whole group finishes.
    for (const runner of traffic.runners) runner.sending = false;
    await button(page, m.groupFinishAll()).click();
    await button(page, m.finishYes()).click();
    await page.waitForURL((url) => url.hash === '#/group/after');
    await page.getByRole('heading', { name: m.groupAfterTitle(), exact: true }).waitFor();
    await expectAttribute(page.getByTestId('group-summary-row'), 'data-runner', names.join(' | '));
    // How Floor feels now, saved with her run.
    const floorAfter = page.getByTestId('mood-row').filter({ hasText: 'Floor' });
    await floorAfter.getByTestId('mood-feeling').selectOption('4');
    await floorAfter.getByTestId('mood-arousal').selectOption('3');
    await button(page, m.save()).click();
    await expectText(page.getByTestId('group-after-saved'), m.groupAfterSaved());

    // 4. Each runner's session holds exactly the beats their strap sent, and is marked supervised.
    const sessions = await storedSessions(page);
    expect(sessions).toHaveLength(8);
    const groupIds = new Set(sessions.map((session) => session.meta.group?.groupId));
    expect(groupIds.size).toBe(1);
    for (const name of names) {
      const { meta, samples } = sessionOf(sessions, name);
      const sent = traffic.runner(name).sent;
      expect(meta.status, name).toBe('finished');
      expect(meta.group, name).toEqual({ groupId: [...groupIds][0], size: 8, place: names.indexOf(name) });
      expect(meta.zone, name).toEqual({
        lowBpm: zoneOf(name).low,
        highBpm: zoneOf(name).high,
        method: 'fixed',
        // The coaching grace in force, kept with the zone so the summary counts time in zone as the tiles did.
        graceMs: 0,
      });
      expect(samples.map(packetOf), `${name}'s samples`).toEqual(sent.map(packetOf));
      expect(meta.summary?.beatCount, name).toBe(
        sent.reduce((sum, packet) => sum + packet.rrIntervals1024.length, 0),
      );
      const gaps = meta.events.filter((event) => event.type === 'gap');
      expect(gaps.length, `${name}'s gaps`).toBe(name === 'Esra' ? 1 : 0);
    }
    expect(sessionOf(sessions, 'Anouk').meta.before).toEqual({ feeling: 3, arousal: 2 });
    expect(sessionOf(sessions, 'Dirk').meta.before).toEqual({ feeling: -1, arousal: 5 });
    for (const name of others.filter((name) => name !== 'Anouk' && name !== 'Dirk')) {
      expect(sessionOf(sessions, name).meta.before, name).toBeUndefined();
    }
    expect(sessionOf(sessions, 'Floor').meta.after).toEqual({ feeling: 4, arousal: 3 });
    // Esra's gap is where her strap was away: between the last sample before and the first after.
    const esraSamples = sessionOf(sessions, 'Esra').samples;
    const esraGap = sessionOf(sessions, 'Esra').meta.events.find((event) => event.type === 'gap');
    const dropoutIndex = esra.sent.findIndex((packet) => packet.sentAtWallMs > lastBeforeDropout);
    expect(esraGap?.elapsedMs).toBe(esraSamples[dropoutIndex]?.elapsedMs);
    const esraGapMs = Number(esraGap?.detail);
    expect(esraGapMs).toBeGreaterThan(5_000);
    // The summary says the same: one gap for Esra, none for the others.
    for (const name of names) {
      expect(await textOf(summaryRow(page, name).getByTestId('summary-gaps')), name).toBe(
        name === 'Esra' ? m.groupGaps({ count: 1, duration: formatClock(esraGapMs) }) : m.groupNoGaps(),
      );
    }

    // Each runner's history shows their run, marked supervised: the whole list, then runner by runner.
    await openHistory(page);
    const items = page.getByTestId('history-list').locator('li');
    await expectText(
      items.locator('.runner'),
      new RegExp(`^(${names.join('|')})( \\| (${names.join('|')})){7}$`, 'u'),
    );
    expect((await items.locator('.runner').allTextContents()).sort()).toEqual([...names].sort());
    expect(await items.getByTestId('supervised').count()).toBe(8);
    const runnerFilter = page.getByRole('combobox', { name: m.filterRunner() });
    for (const runner of runners) {
      await runnerFilter.selectOption(runner.id);
      await expectText(items.locator('.runner'), runner.name);
      expect(await textOf(items.getByTestId('supervised'))).toBe(m.supervisedBadge());
    }

    for (const strap of group.straps.values()) strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  }, 240_000);

  it('carries on all eight runs after a reload, their straps reconnected without the chooser', async () => {
    const group = await openGroupScreen({ watchChunks: true });
    const { app, page, bluetooth } = group;
    await buildGroup(group);
    await startGroup(page);
    const traffic = trafficOf(group);
    // Every run stores a chunk at least every 5 s, each on its own timer: once about two per run are stored, the
    // reload comes wherever each run is since its last chunk, packets still coming.
    await traffic.until(
      async () => (await chunkWrites(page)).length >= 2 * names.length,
      'sixteen chunks stored',
    );
    const sentBeforeReload = new Map(traffic.runners.map((runner) => [runner.name, runner.sent.length]));
    const reloadAtWallMs = Date.now();
    await page.reload();
    await bluetooth.afterReload();
    await button(page, m.interruptedGroupResume()).click();
    await page.waitForURL((url) => url.hash === '#/group/run');
    // Each runner's remembered strap reconnects by itself: no chooser.
    for (const name of names) await expectState(groupTile(page, name), 'live', 20_000);
    expect(bluetooth.prompts).toHaveLength(8);
    // The tiles stand in the order they had before the reload.
    await traffic.until(() => calmInGroupOrder(page), 'every tile calm again, in the group order');

    for (const runner of traffic.runners) runner.sending = false;
    await button(page, m.groupFinishAll()).click();
    await button(page, m.finishYes()).click();
    await page.waitForURL((url) => url.hash === '#/group/after');
    await expectAttribute(page.getByTestId('group-summary-row'), 'data-runner', names.join(' | '));

    // Each run kept everything but at most the last 5 s before the reload, and everything after it.
    const sessions = await storedSessions(page);
    expect(sessions).toHaveLength(8);
    for (const runner of traffic.runners) {
      const { meta, samples } = sessionOf(sessions, runner.name);
      const before = sentBeforeReload.get(runner.name) ?? Number.NaN;
      const after = runner.sent.slice(before).map(packetOf);
      const kept = samples.length - after.length;
      expect(meta.group?.size, runner.name).toBe(8);
      expect(samples.slice(kept).map(packetOf), `${runner.name} after the reload`).toEqual(after);
      expect(samples.slice(0, kept).map(packetOf), `${runner.name} before the reload`).toEqual(
        runner.sent.slice(0, kept).map(packetOf),
      );
      expect(kept, runner.name).toBeLessThanOrEqual(before);
      const firstLost = runner.sent[kept];
      const lostMs = kept < before ? reloadAtWallMs - (firstLost?.sentAtWallMs ?? Number.NaN) : 0;
      expect(lostMs, `${runner.name} lost packets ${kept}..${before - 1}`).toBeLessThanOrEqual(5_000);
    }

    for (const strap of group.straps.values()) strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  }, 180_000);

  it('says so in plain words when the device holds no more strap connections, and keeps every strap', async () => {
    const group = await openGroupScreen();
    const { app, page, bluetooth } = group;
    const connected = names.slice(0, 4);
    await buildGroup(group, connected);

    // The fifth strap: the browser refuses the connection (HCI "Connection Limit Exceeded").
    const fifth = 'Esra';
    const refused = strapOf(group, fifth);
    refused.refuseConnections(0x09);
    await chooseRunner(page, fifth);
    bluetooth.chooseNext(refused.address);
    await button(page, m.groupPairStrap({ name: fifth })).click();
    await expectText(page.getByTestId('connect-problem'), m.lostReason_connectionLimit());
    expect(refused.connectionAttempts).toBeGreaterThan(0);
    expect(refused.measurementSubscriptions).toBe(0);
    await expectText(strapRow(page, fifth).locator('.strap-name'), m.groupNoStrapYet());
    for (const name of connected) expect(await stateOf(strapRow(page, name)), name).toBe('live');

    // The four keep sending, and the refused strap is not tried again behind the therapist's back (the first retry
    // of a strap out of reach would come after 1 s).
    const attempts = refused.connectionAttempts;
    const traffic = new GroupTraffic(
      connected.map((name) => ({ name, strap: strapOf(group, name), bpm: calmBpm(name) })),
    );
    const refusedAt = Date.now();
    await traffic.until(() => Date.now() - refusedAt > 2_500, '2.5 s of the four sending');
    expect(refused.connectionAttempts).toBe(attempts);
    for (const name of connected) {
      expect(await stateOf(strapRow(page, name)), name).toBe('live');
      strapOf(group, name).expectSubscribed();
    }
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
