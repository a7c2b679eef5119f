import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { expect, onTestFinished } from 'vitest';
import { openApp, type AppPage, type OpenAppOptions } from './browser';

/**
 * Heart-rate chest straps emulated through Chromium's `BluetoothEmulation` (browser session) and `DeviceAccess`
 * (page session) DevTools domains: the page talks to the real `navigator.bluetooth`, and this helper plays the
 * strap's side. See ../shared/design/E2E-BLUETOOTH.md.
 *
 * Chromium has no command for an unsolicited notification, so a Heart Rate Measurement is delivered by having the
 * page read its own characteristic (the object the app holds, from `navigator.bluetooth.getDevices()`) and
 * answering that read with the chosen bytes: Chromium then fires `characteristicvaluechanged` on the app's object.
 */

type CentralState = 'absent' | 'powered-off' | 'powered-on';

/** HCI "Page Timeout": what a connection attempt to a strap out of range gets. */
const hciPageTimeout = 0x04;
/** HCI "Connection Timeout": a link lost in the middle of an operation. */
const hciConnectionTimeout = 0x08;
/** ATT "Read Not Permitted": a real strap refuses reads of 0x2A37 that no test asked for. */
const attReadNotPermitted = 0x02;
/** ATT "Unlikely Error": the answer to an operation on a characteristic this helper does not know. */
const attUnlikelyError = 0x0e;
const hciSuccess = 0;

export function sigUuid(shortId: number): string {
  return `0000${shortId.toString(16).padStart(4, '0')}-0000-1000-8000-00805f9b34fb`;
}

const uuids = {
  heartRateService: sigUuid(0x180d),
  heartRateMeasurement: sigUuid(0x2a37),
  bodySensorLocation: sigUuid(0x2a38),
  batteryService: sigUuid(0x180f),
  batteryLevel: sigUuid(0x2a19),
  deviceInformationService: sigUuid(0x180a),
  manufacturerName: sigUuid(0x2a29),
  modelNumber: sigUuid(0x2a24),
  firmwareRevision: sigUuid(0x2a26),
  clientCharacteristicConfiguration: sigUuid(0x2902),
} as const;

export interface StrapOptions {
  /** The Bluetooth address; the chooser lists the strap by it. */
  address: string;
  /** The advertised name, as the page's `BluetoothDevice.name` shows it. Unique per emulation. */
  name: string;
  /** Battery Level reported by the Battery Service (default 87). */
  batteryPercent?: number;
  /** Whether Battery Level has the notify property (and a CCCD). Default false. */
  batteryNotifies?: boolean;
  /** Body Sensor Location value (1 is chest); without it the strap has no 0x2A38. */
  bodySensorLocation?: number;
  manufacturer?: string;
  model?: string;
  firmware?: string;
  /** Offer the Battery Service (default true). */
  withBattery?: boolean;
  /** Offer the Device Information Service (default: when any of manufacturer, model, firmware is given). */
  withDeviceInformation?: boolean;
}

type CharacteristicRole =
  'measurement' | 'bodySensorLocation' | 'batteryLevel' | 'manufacturer' | 'model' | 'firmware';

interface ReadAnswer {
  code: number;
  data?: Uint8Array;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One emulated strap: its services, whether it is in range, and the values it answers with. */
export class EmulatedStrap {
  readonly address: string;
  readonly name: string;
  readonly #bluetooth: EmulatedBluetooth;
  readonly #options: StrapOptions;
  readonly #characteristics = new Map<CharacteristicRole, string>();
  readonly #measurements: Uint8Array[] = [];
  #serviceIds: string[] = [];
  #present = true;
  #batteryPercent: number;
  #connectionAttempts = 0;
  #vanishDuringNextDiscovery = false;
  #answersConnections = true;
  #measurementSubscriptions = 0;
  #connectionRefusal: number | undefined;
  /** The page's `BluetoothDevice.id` for this strap, learnt on the first read through the page. */
  #pageDeviceId: string | undefined;

  /** Use `EmulatedBluetooth.addStrap`. */
  constructor(bluetooth: EmulatedBluetooth, options: StrapOptions) {
    this.#bluetooth = bluetooth;
    this.#options = options;
    this.address = options.address;
    this.name = options.name;
    this.#batteryPercent = options.batteryPercent ?? 87;
  }

  /** Whether the strap is in range: connection and discovery succeed only then. */
  get present(): boolean {
    return this.#present;
  }

  /** How many times the page tried to open a GATT connection to this strap (successful or not). */
  get connectionAttempts(): number {
    return this.#connectionAttempts;
  }

  /**
   * How many times the page subscribed to Heart Rate Measurement notifications (the GATT operation
   * `subscribe-to-notifications` on 0x2A37): once per connection that got as far as live.
   */
  get measurementSubscriptions(): number {
    return this.#measurementSubscriptions;
  }

  /**
   * Fails unless the page subscribed to Heart Rate Measurement notifications. A real strap only notifies a
   * subscriber, but this emulation delivers values through reads, which work without a subscription: this is what
   * proves the app would hear a real strap at all.
   */
  expectSubscribed(): void {
    expect(
      this.#measurementSubscriptions,
      `${this.name}: the page never subscribed to Heart Rate Measurement notifications`,
    ).toBeGreaterThan(0);
  }

  get batteryPercent(): number {
    return this.#batteryPercent;
  }

  /**
   * Queues the bytes and has the page read its own Heart Rate Measurement characteristic, answered with them.
   * Resolves with the page's Date.now() just after the value arrived there.
   */
  async sendMeasurement(bytes: readonly number[] | Uint8Array): Promise<number> {
    const packet = Uint8Array.from(bytes);
    this.#measurements.push(packet);
    try {
      const { bytes: received, atWallMs } = await this.#readInPage('heart_rate', 'heart_rate_measurement');
      if (received.join(',') !== packet.join(',')) {
        throw new Error(`The page read [${received.join(', ')}] instead of [${packet.join(', ')}]`);
      }
      return atWallMs;
    } finally {
      // A read that never reached the strap leaves its bytes behind: drop them so the next send is not off by one.
      const left = this.#measurements.indexOf(packet);
      if (left >= 0) this.#measurements.splice(left, 1);
    }
  }

  /**
   * Queues Heart Rate Measurements without reading them: each later read of 0x2A37 through the page (one the
   * caller makes in the page itself, e.g. on a timer, so no DevTools command runs per packet) is answered with the
   * next one. A read with the queue empty is refused, as a real strap refuses it.
   */
  queueMeasurements(packets: Iterable<readonly number[] | Uint8Array>): void {
    for (const bytes of packets) this.#measurements.push(Uint8Array.from(bytes));
  }

  /** Changes the Battery Level and delivers it the same way, so the app's battery listener fires. */
  async setBattery(percent: number): Promise<void> {
    this.#batteryPercent = percent;
    const { bytes: received } = await this.#readInPage('battery_service', 'battery_level');
    if (received[0] !== percent) {
      throw new Error(`The page read battery ${received[0]} instead of ${percent}`);
    }
  }

  /** The strap goes out of range: the link drops, and connection attempts fail until `comeBack()`. */
  async goAway(): Promise<void> {
    this.#present = false;
    await this.#bluetooth.session.send('BluetoothEmulation.simulateGATTDisconnection', {
      address: this.address,
    });
    // The emulator deletes a peripheral's services on disconnect.
    this.#forgetServices();
  }

  /** The strap is back in range with its services (new ids): the app's next reconnect attempt succeeds. */
  async comeBack(): Promise<void> {
    await this.restoreServices();
    this.#present = true;
  }

  /**
   * Builds the strap's GATT services again (the emulator drops them whenever the link goes down, also after the
   * page's own `gatt.disconnect()`), removing any left over first.
   */
  async restoreServices(): Promise<void> {
    for (const serviceId of this.#serviceIds) {
      await this.#bluetooth.session
        .send('BluetoothEmulation.removeService', { serviceId })
        .catch(() => undefined);
    }
    this.#forgetServices();
    const options = this.#options;

    const heartRate = await this.#addService(uuids.heartRateService);
    await this.#addCharacteristic(
      heartRate,
      'measurement',
      uuids.heartRateMeasurement,
      { notify: true },
      true,
    );
    if (options.bodySensorLocation !== undefined) {
      await this.#addCharacteristic(heartRate, 'bodySensorLocation', uuids.bodySensorLocation, {
        read: true,
      });
    }

    if (options.withBattery ?? true) {
      const notifies = options.batteryNotifies ?? false;
      const battery = await this.#addService(uuids.batteryService);
      await this.#addCharacteristic(
        battery,
        'batteryLevel',
        uuids.batteryLevel,
        { read: true, notify: notifies },
        notifies,
      );
    }

    const strings = [
      ['manufacturer', uuids.manufacturerName, options.manufacturer],
      ['model', uuids.modelNumber, options.model],
      ['firmware', uuids.firmwareRevision, options.firmware],
    ] as const;
    const withInformation = options.withDeviceInformation ?? strings.some(([, , text]) => text !== undefined);
    if (withInformation) {
      const information = await this.#addService(uuids.deviceInformationService);
      for (const [role, uuid, text] of strings) {
        if (text !== undefined) await this.#addCharacteristic(information, role, uuid, { read: true });
      }
    }
  }

  /**
   * At the next service discovery the strap goes out of range (as `goAway()`) and the discovery fails with the
   * link, so the page's connection attempt fails halfway.
   */
  vanishDuringNextDiscovery(): void {
    this.#vanishDuringNextDiscovery = true;
  }

  /**
   * Every connection attempt is refused with this HCI code (e.g. 0x09 "Connection Limit Exceeded", as a phone
   * that holds no more links answers), until called with undefined.
   */
  refuseConnections(hciCode: number | undefined): void {
    this.#connectionRefusal = hciCode;
  }

  /**
   * Whether the strap answers connection attempts at all. A strap that does not leaves the attempt pending, as a
   * strap that has hung does (Chromium's emulation never times it out); the page must give it up itself.
   */
  answerConnections(answers: boolean): void {
    this.#answersConnections = answers;
  }

  /** Called by EmulatedBluetooth for a GATT connection or discovery request: the HCI code, 'vanish', or 'silence'. */
  gattResponse(type: 'connection' | 'discovery'): number | 'vanish' | 'silence' {
    if (type === 'connection') this.#connectionAttempts++;
    if (type === 'connection' && !this.#answersConnections) return 'silence';
    if (type === 'connection' && this.#connectionRefusal !== undefined) return this.#connectionRefusal;
    if (type === 'discovery' && this.#vanishDuringNextDiscovery && this.#present) {
      this.#vanishDuringNextDiscovery = false;
      return 'vanish';
    }
    return this.#present ? hciSuccess : hciPageTimeout;
  }

  /** Called by EmulatedBluetooth when the page subscribes to one of this strap's characteristics. */
  noteSubscription(role: CharacteristicRole): void {
    if (role === 'measurement') this.#measurementSubscriptions++;
  }

  /** Called by EmulatedBluetooth for a read of one of this strap's characteristics. */
  answerRead(role: CharacteristicRole): ReadAnswer {
    const text = (value: string | undefined): ReadAnswer =>
      value === undefined
        ? { code: attReadNotPermitted }
        : { code: 0, data: new TextEncoder().encode(value) };
    switch (role) {
      case 'measurement': {
        const next = this.#measurements.shift();
        return next ? { code: 0, data: next } : { code: attReadNotPermitted };
      }
      case 'bodySensorLocation':
        return { code: 0, data: Uint8Array.of(this.#options.bodySensorLocation ?? 0) };
      case 'batteryLevel':
        return { code: 0, data: Uint8Array.of(this.#batteryPercent) };
      case 'manufacturer':
        return text(this.#options.manufacturer);
      case 'model':
        return text(this.#options.model);
      case 'firmware':
        return text(this.#options.firmware);
    }
  }

  async #addService(serviceUuid: string): Promise<string> {
    const { serviceId } = await this.#bluetooth.session.send('BluetoothEmulation.addService', {
      address: this.address,
      serviceUuid,
    });
    this.#serviceIds.push(serviceId);
    return serviceId;
  }

  async #addCharacteristic(
    serviceId: string,
    role: CharacteristicRole,
    characteristicUuid: string,
    properties: { read?: boolean; notify?: boolean },
    withCccd = false,
  ): Promise<void> {
    const { characteristicId } = await this.#bluetooth.session.send('BluetoothEmulation.addCharacteristic', {
      serviceId,
      characteristicUuid,
      properties,
    });
    this.#characteristics.set(role, characteristicId);
    this.#bluetooth.routeCharacteristic(characteristicId, this, role);
    // startNotifications() needs a Client Characteristic Configuration descriptor.
    if (withCccd) {
      await this.#bluetooth.session.send('BluetoothEmulation.addDescriptor', {
        characteristicId,
        descriptorUuid: uuids.clientCharacteristicConfiguration,
      });
    }
  }

  #forgetServices(): void {
    for (const characteristicId of this.#characteristics.values()) {
      this.#bluetooth.forgetCharacteristic(characteristicId);
    }
    this.#characteristics.clear();
    this.#serviceIds = [];
  }

  /**
   * Reads a characteristic through the page's own objects; resolves with the bytes the page received. The page's
   * device is found by name, and by its id once known: after a reload Chromium's emulation reports the name as ''.
   * In a browser started anew on the same profile the id is not known yet either: a lone unnamed device is taken.
   * The characteristic found is kept in the page until the device next disconnects (a reconnection hands out new
   * objects), so a stream of packets does not look it up each time.
   */
  async #readInPage(
    service: BluetoothServiceUUID,
    characteristic: BluetoothCharacteristicUUID,
  ): Promise<{ bytes: number[]; atWallMs: number }> {
    const { id, bytes, atWallMs } = await this.#bluetooth.page.evaluate(
      async ({ name, id, service, characteristic, cacheKey }) => {
        const cache = ((window as unknown as Record<string, unknown>)[cacheKey] ??= new Map()) as Map<
          string,
          { deviceId: string; found: BluetoothRemoteGATTCharacteristic }
        >;
        const key = `${id ?? name}|${String(service)}|${String(characteristic)}`;
        let cached = cache.get(key);
        if (!cached) {
          const devices = await navigator.bluetooth.getDevices();
          const lone = devices.length === 1 && devices[0]?.name === '' ? devices[0] : undefined;
          const device =
            id === undefined
              ? (devices.find((candidate) => candidate.name === name) ?? lone)
              : devices.find((candidate) => candidate.id === id);
          if (!device?.gatt) throw new Error(`The page has no permitted Bluetooth device ${id ?? name}`);
          const found = await (
            await device.gatt.getPrimaryService(service)
          ).getCharacteristic(characteristic);
          cached = { deviceId: device.id, found };
          cache.set(key, cached);
          device.addEventListener('gattserverdisconnected', () => cache.delete(key), { once: true });
        }
        const value = await cached.found.readValue();
        return {
          id: cached.deviceId,
          atWallMs: Date.now(),
          bytes: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)),
        };
      },
      {
        name: this.name,
        id: this.#pageDeviceId,
        service,
        characteristic,
        cacheKey: '__calmRunEmulatedStrapCharacteristics',
      },
    );
    this.#pageDeviceId = id;
    return { bytes, atWallMs };
  }
}

type Choice = { kind: 'select'; address: string } | { kind: 'cancel' };

/** The emulated Bluetooth adapter of one page, with any number of straps, each at its own address. */
export class EmulatedBluetooth {
  readonly page: Page;
  /** Protocol calls that failed inside event handlers; a test can assert there are none. */
  readonly problems: string[] = [];
  /** What the page asked of the emulated straps, in order (for a failing test's message). */
  readonly log: string[] = [];
  /** Every chooser prompt, with the addresses it listed, in order. */
  readonly prompts: { id: string; addresses: string[]; answer?: string }[] = [];
  readonly #browserSession: CDPSession;
  readonly #pageSession: CDPSession;
  readonly #straps = new Map<string, EmulatedStrap>();
  readonly #characteristics = new Map<string, { strap: EmulatedStrap; role: CharacteristicRole }>();
  readonly #answeredPrompts = new Set<string>();
  readonly #switchedOff = new Set<EmulatedStrap>();
  #choice: Choice | undefined;
  #stopped = false;

  private constructor(page: Page, browserSession: CDPSession, pageSession: CDPSession) {
    this.page = page;
    this.#browserSession = browserSession;
    this.#pageSession = pageSession;
  }

  /**
   * Switches on an emulated adapter for this page (BluetoothEmulation on the browser session) and answers its
   * device chooser (DeviceAccess on the page session). Stopped when the test ends.
   */
  static async start(
    browser: Browser,
    context: BrowserContext,
    page: Page,
    options: { state?: CentralState } = {},
  ): Promise<EmulatedBluetooth> {
    const browserSession = await browser.newBrowserCDPSession();
    const pageSession = await context.newCDPSession(page);
    const bluetooth = new EmulatedBluetooth(page, browserSession, pageSession);
    onTestFinished(async () => {
      await bluetooth.stop();
    });
    browserSession.on('BluetoothEmulation.gattOperationReceived', (event) => {
      bluetooth.#onGattOperation(event.address, event.type);
    });
    browserSession.on('BluetoothEmulation.characteristicOperationReceived', (event) => {
      bluetooth.#onCharacteristicOperation(event.characteristicId, event.type);
    });
    browserSession.on('BluetoothEmulation.descriptorOperationReceived', (event) => {
      const data = event.type === 'read' ? { data: toBase64(Uint8Array.of(0, 0)) } : {};
      bluetooth.#answer(
        `descriptor ${event.type}`,
        browserSession.send('BluetoothEmulation.simulateDescriptorOperationResponse', {
          descriptorId: event.descriptorId,
          type: event.type,
          code: 0,
          ...data,
        }),
      );
    });
    pageSession.on('DeviceAccess.deviceRequestPrompted', (event) => {
      bluetooth.#onPrompt(
        event.id,
        event.devices.map((device) => device.id),
      );
    });
    await browserSession.send('BluetoothEmulation.enable', {
      state: options.state ?? 'powered-on',
      leSupported: true,
    });
    await pageSession.send('DeviceAccess.enable');
    return bluetooth;
  }

  /** Adds a strap the system already knows (as after pairing in the OS), with its GATT services built. */
  async addStrap(options: StrapOptions): Promise<EmulatedStrap> {
    if (this.#straps.has(options.address)) throw new Error(`A strap at ${options.address} exists already`);
    if ([...this.#straps.values()].some((strap) => strap.name === options.name)) {
      throw new Error(`A strap named ${options.name} exists already: names must be unique`);
    }
    const strap = new EmulatedStrap(this, options);
    this.#straps.set(options.address, strap);
    await this.#simulatePeripheral(strap);
    await strap.restoreServices();
    return strap;
  }

  async #simulatePeripheral(strap: EmulatedStrap): Promise<void> {
    await this.#browserSession.send('BluetoothEmulation.simulatePreconnectedPeripheral', {
      address: strap.address,
      name: strap.name,
      manufacturerData: [],
      knownServiceUuids: [uuids.heartRateService],
    });
  }

  /** The next chooser selects the strap at this address. Without it, a chooser with exactly one strap picks it. */
  chooseNext(address: string): void {
    this.#choice = { kind: 'select', address };
  }

  /** The next chooser is cancelled by the user. */
  cancelNext(): void {
    this.#choice = { kind: 'cancel' };
  }

  /**
   * Chromium drops the emulated adapter when the page reloads: enable it again and put every strap back (present,
   * with its services), as a strap that stayed on the runner's chest would be.
   */
  async afterReload(): Promise<void> {
    await this.#browserSession.send('BluetoothEmulation.disable');
    await this.#browserSession.send('BluetoothEmulation.enable', { state: 'powered-on', leSupported: true });
    this.#characteristics.clear();
    for (const strap of this.#straps.values()) {
      await this.#simulatePeripheral(strap);
      await strap.comeBack();
    }
  }

  /**
   * Switches the emulated adapter on or off. Note: with 'powered-off', Chromium 156 headless never settles a
   * `requestDevice()` (it would show "Bluetooth is off" in a chooser there is no UI for); 'absent' rejects at once.
   */
  async setAdapterState(state: CentralState): Promise<void> {
    await this.session.send('BluetoothEmulation.setSimulatedCentralState', { state });
  }

  /**
   * Bluetooth switched off on the phone: every link drops and nothing connects until `switchOn()`. (Chromium's
   * emulated 'powered-off' state alone keeps links up and lets connections through, so the straps go out of reach
   * here as well.)
   */
  async switchOff(): Promise<void> {
    await this.setAdapterState('powered-off');
    for (const strap of this.#straps.values()) {
      if (!strap.present) continue;
      this.#switchedOff.add(strap);
      await strap.goAway();
    }
  }

  /** Bluetooth switched on again: the straps that were in reach before are again, with their services. */
  async switchOn(): Promise<void> {
    await this.setAdapterState('powered-on');
    for (const strap of this.#switchedOff) await strap.comeBack();
    this.#switchedOff.clear();
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#browserSession.send('BluetoothEmulation.disable').catch(() => undefined);
    await this.#browserSession.detach().catch(() => undefined);
    await this.#pageSession.detach().catch(() => undefined);
  }

  /** The browser session, where BluetoothEmulation commands are sent. */
  get session(): CDPSession {
    return this.#browserSession;
  }

  routeCharacteristic(characteristicId: string, strap: EmulatedStrap, role: CharacteristicRole): void {
    this.#characteristics.set(characteristicId, { strap, role });
  }

  forgetCharacteristic(characteristicId: string): void {
    this.#characteristics.delete(characteristicId);
  }

  #onGattOperation(address: string, type: 'connection' | 'discovery'): void {
    const strap = this.#straps.get(address);
    const code = strap ? strap.gattResponse(type) : hciPageTimeout;
    this.log.push(`${type} ${address} -> ${code}`);
    if (code === 'silence') return;
    if (code === 'vanish') {
      // The link drops, and the discovery in flight fails with it (left unanswered, it would block the next one).
      const vanished = (strap?.goAway() ?? Promise.resolve()).then(() =>
        this.#browserSession.send('BluetoothEmulation.simulateGATTOperationResponse', {
          address,
          type,
          code: hciConnectionTimeout,
        }),
      );
      this.#answer(`${address} vanishing`, vanished);
      return;
    }
    this.#answer(
      `${type} of ${address}`,
      this.#browserSession.send('BluetoothEmulation.simulateGATTOperationResponse', { address, type, code }),
    );
  }

  #onCharacteristicOperation(
    characteristicId: string,
    type: 'read' | 'write' | 'subscribe-to-notifications' | 'unsubscribe-from-notifications',
  ): void {
    const route = this.#characteristics.get(characteristicId);
    this.log.push(`${type} ${route ? `${route.strap.name} ${route.role}` : characteristicId}`);
    if (!route) {
      this.problems.push(`${type} of an unknown characteristic ${characteristicId}`);
      this.#answer(
        `${type} of ${characteristicId}`,
        this.#browserSession.send('BluetoothEmulation.simulateCharacteristicOperationResponse', {
          characteristicId,
          type,
          code: attUnlikelyError,
        }),
      );
      return;
    }
    if (type === 'subscribe-to-notifications') route.strap.noteSubscription(route.role);
    if (type !== 'read') {
      this.#answer(
        `${type} of ${route.role}`,
        this.#browserSession.send('BluetoothEmulation.simulateCharacteristicOperationResponse', {
          characteristicId,
          type,
          code: 0,
        }),
      );
      return;
    }
    const { code, data } = route.strap.answerRead(route.role);
    this.#answer(
      `read of ${route.role}`,
      this.#browserSession.send('BluetoothEmulation.simulateCharacteristicOperationResponse', {
        characteristicId,
        type,
        code,
        ...(data && { data: toBase64(data) }),
      }),
    );
  }

  #onPrompt(id: string, addresses: string[]): void {
    let prompt = this.prompts.find((candidate) => candidate.id === id);
    if (!prompt) {
      prompt = { id, addresses };
      this.prompts.push(prompt);
    }
    prompt.addresses = addresses;
    // The event repeats for the same prompt as the device list updates: answer each prompt once.
    if (this.#answeredPrompts.has(id)) return;
    const choice: Choice | undefined =
      this.#choice ??
      (this.#straps.size === 1 ? { kind: 'select', address: [...this.#straps.keys()][0] ?? '' } : undefined);
    if (!choice) {
      const problem = `chooser ${id} lists several straps, but no chooseNext(address) says which one to pick`;
      if (!this.problems.includes(problem)) this.problems.push(problem);
      return;
    }
    if (choice.kind === 'cancel') {
      this.#answeredPrompts.add(id);
      this.#choice = undefined;
      prompt.answer = 'cancel';
      this.#answer('cancel prompt', this.#pageSession.send('DeviceAccess.cancelPrompt', { id }));
      return;
    }
    // The chooser lists devices with an empty name: select by address, once the strap is in the list.
    if (!addresses.includes(choice.address)) return;
    this.#answeredPrompts.add(id);
    this.#choice = undefined;
    prompt.answer = choice.address;
    this.#answer(
      'select prompt',
      this.#pageSession.send('DeviceAccess.selectPrompt', { id, deviceId: choice.address }),
    );
  }

  /** Sends an answer without waiting for it; a failure is kept in `problems` unless the emulation was stopped. */
  #answer(what: string, sent: Promise<unknown>): void {
    sent.catch((error: unknown) => {
      if (!this.#stopped) this.problems.push(`${what}: ${describe(error)}`);
    });
  }
}

/** Opens the app in a fresh context with an emulated Bluetooth adapter switched on before the app's code runs. */
export async function openAppWithBluetooth(
  browser: Browser,
  options: Omit<OpenAppOptions, 'beforeLoad'> & { adapterState?: CentralState } = {},
): Promise<{ app: AppPage; bluetooth: EmulatedBluetooth }> {
  let bluetooth: EmulatedBluetooth | undefined;
  const app = await openApp(browser, {
    ...options,
    beforeLoad: async (context, page) => {
      bluetooth = await EmulatedBluetooth.start(browser, context, page, {
        state: options.adapterState ?? 'powered-on',
      });
    },
  });
  if (!bluetooth) throw new Error('The Bluetooth emulation did not start');
  return { app, bluetooth };
}
