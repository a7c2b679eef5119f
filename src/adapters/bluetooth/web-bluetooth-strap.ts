import { decodeBatteryLevel } from '../../core/ble/battery-level';
import { decodeBodySensorLocation } from '../../core/ble/body-sensor-location';
import { gattCharacteristics, gattServices } from '../../core/ble/gatt-ids';
import { reconnectDelayMs, type StrapEvent } from '../../core/strap/connection-state';
import { browserClock, type Clock, type HeartRateSource } from '../heart-rate-source';
import { StrapEventHub } from '../strap-event-hub';
import { isAdapterAvailable, type AdapterAvailability } from './adapter-availability';
import { classifyBluetoothError } from './classify-bluetooth-error';
import { decodeUtf8Characteristic } from './text-characteristic';

/**
 * How long one attempt to get a strap live (connect, discovery, subscribing) may take. A strap that never answers
 * would otherwise hold the attempt, and with it every later reconnect, for ever: Chrome's own connection timeout
 * differs by platform and is not guaranteed (its Bluetooth emulation has none).
 */
export const connectAttemptTimeoutMs = 20_000;

export const heartRateRequestOptions: RequestDeviceOptions = {
  filters: [{ services: [gattServices.heartRate] }],
  optionalServices: [gattServices.battery, gattServices.deviceInformation],
};

/**
 * One chest strap over Web Bluetooth. Without a device it opens Chrome's chooser; with one (from getDevices after
 * a reload) it connects straight away. A drop that the user did not ask for is followed by reconnect attempts with
 * backoff for as long as the user has not disconnected on purpose.
 */
export class WebBluetoothStrap implements HeartRateSource {
  readonly kind = 'bluetooth';
  readonly #bluetooth: Bluetooth;
  readonly #hub: StrapEventHub;
  readonly #clock: Clock;
  readonly #availability: AdapterAvailability | undefined;
  #device: BluetoothDevice | undefined;
  #measurementCharacteristic: BluetoothRemoteGATTCharacteristic | undefined;
  #batteryCharacteristic: BluetoothRemoteGATTCharacteristic | undefined;
  #userDisconnected = false;
  /** Bumped on every connect and disconnect, so a late answer from an abandoned attempt is dropped. */
  #generation = 0;
  #reconnectAttempt = 0;
  #cancelReconnectTimer: (() => void) | undefined;

  constructor(
    bluetooth: Bluetooth,
    options: { device?: BluetoothDevice; clock?: Clock; availability?: AdapterAvailability } = {},
  ) {
    this.#bluetooth = bluetooth;
    this.#availability = options.availability;
    this.#device = options.device;
    this.#clock = options.clock ?? browserClock;
    this.#hub = new StrapEventHub(this.#clock);
  }

  get id(): string {
    return this.#device?.id ?? 'bluetooth-unpaired';
  }

  subscribe(listener: (event: StrapEvent) => void): () => void {
    return this.#hub.subscribe(listener);
  }

  async connect(): Promise<void> {
    this.#userDisconnected = false;
    const generation = ++this.#generation;
    if (!this.#device) {
      this.#hub.setState({ kind: 'choosing' });
      const chosen = await this.#chooseDevice(generation);
      if (!chosen) return;
      this.#device = chosen;
    }
    const device = this.#device;
    device.addEventListener('gattserverdisconnected', this.#onDisconnected);
    this.#hub.setInfo({ name: device.name ?? '' });
    this.#hub.setState({ kind: 'connecting' });
    try {
      await this.#connectGattWithin(device, generation);
    } catch (error) {
      if (generation !== this.#generation) return;
      const classified = classifyBluetoothError(error);
      // A strap that vanished mid-discovery is worth retrying; a strap without the service is not.
      if (
        classified.reason === 'connect-failed' &&
        this.#reconnectAttempt === 0 &&
        device.gatt?.connected !== true
      ) {
        this.#scheduleReconnect(generation);
      } else {
        this.#hub.setState({ kind: 'lost', ...classified });
      }
    }
  }

  /**
   * Chrome's chooser. With the adapter off Chrome may never answer requestDevice, so it is asked only when the
   * adapter is on: known to be on already, the chooser opens within the tap (nothing waits on the screen drawing
   * the "choosing" state), and a fresh answer that it is off after all still ends the wait with a clear message.
   */
  async #chooseDevice(generation: number): Promise<BluetoothDevice | undefined> {
    const knownOn = this.#availability?.known === true;
    if (!knownOn && !(await this.#isAdapterOn())) {
      this.#setBluetoothOff(generation);
      return undefined;
    }
    const turnedOff = knownOn
      ? this.#isAdapterOn().then((on) => (on ? never<'off'>() : ('off' as const)))
      : never<'off'>();
    try {
      const chosen = await Promise.race([this.#bluetooth.requestDevice(heartRateRequestOptions), turnedOff]);
      if (chosen !== 'off') return chosen;
      this.#setBluetoothOff(generation);
    } catch (error) {
      if (generation === this.#generation) {
        this.#hub.setState({ kind: 'lost', ...classifyBluetoothError(error) });
      }
    }
    return undefined;
  }

  #isAdapterOn(): Promise<boolean> {
    return this.#availability ? this.#availability.refresh() : isAdapterAvailable(this.#bluetooth);
  }

  #setBluetoothOff(generation: number): void {
    if (generation !== this.#generation) return;
    this.#hub.setState({ kind: 'lost', reason: 'bluetooth-off', detail: 'getAvailability() is false' });
  }

  disconnect(): void {
    this.#userDisconnected = true;
    this.#generation++;
    this.#cancelReconnectTimer?.();
    this.#cancelReconnectTimer = undefined;
    this.#detachCharacteristics();
    this.#device?.removeEventListener('gattserverdisconnected', this.#onDisconnected);
    if (this.#device?.gatt?.connected === true) this.#device.gatt.disconnect();
    this.#reconnectAttempt = 0;
    this.#hub.setState({ kind: 'idle' });
  }

  /**
   * #connectGatt, given up after connectAttemptTimeoutMs: the hung attempt is cancelled (gatt.disconnect() aborts a
   * pending connect), its late answers are dropped (a new generation), and the next attempt is scheduled. A give-up
   * resolves: the caller has nothing left to do. A failure rejects as before.
   */
  async #connectGattWithin(device: BluetoothDevice, generation: number): Promise<void> {
    let cancelDeadline: (() => void) | undefined;
    const deadline = new Promise<'timed-out'>((resolve) => {
      cancelDeadline = this.#clock.setTimeout(() => {
        resolve('timed-out');
      }, connectAttemptTimeoutMs);
    });
    let outcome: 'connected' | 'timed-out';
    try {
      outcome = await Promise.race([
        this.#connectGatt(device, generation).then(() => 'connected' as const),
        deadline,
      ]);
    } finally {
      cancelDeadline?.();
    }
    if (outcome === 'connected' || generation !== this.#generation) return;
    const next = ++this.#generation;
    this.#detachCharacteristics();
    this.#scheduleReconnect(next);
    // A link that came up halfway goes down too; its gattserverdisconnected asks for the next attempt again.
    device.gatt?.disconnect();
  }

  async #connectGatt(device: BluetoothDevice, generation: number): Promise<void> {
    const gatt = device.gatt;
    if (!gatt) throw new DOMException('This device has no GATT server', 'NotSupportedError');
    const server = await gatt.connect();
    if (generation !== this.#generation) return;
    const heartRate = await server.getPrimaryService(gattServices.heartRate);
    const measurement = await heartRate.getCharacteristic(gattCharacteristics.heartRateMeasurement);
    if (generation !== this.#generation) return;
    this.#detachCharacteristics();
    this.#measurementCharacteristic = measurement;
    measurement.addEventListener('characteristicvaluechanged', this.#onMeasurement);
    await measurement.startNotifications();
    if (generation !== this.#generation) return;
    this.#reconnectAttempt = 0;
    this.#hub.setState({ kind: 'live' });
    // Optional services come after the heart rate is flowing, so a slow strap shows a number first.
    await this.#readOptionalInfo(server, heartRate, generation);
  }

  async #readOptionalInfo(
    server: BluetoothRemoteGATTServer,
    heartRate: BluetoothRemoteGATTService,
    generation: number,
  ): Promise<void> {
    const location = await readOptional(heartRate, gattCharacteristics.bodySensorLocation);
    if (generation !== this.#generation) return;
    if (location) {
      const bodySensorLocation = decodeBodySensorLocation(location);
      if (bodySensorLocation) this.#hub.updateInfo({ bodySensorLocation });
    }

    const battery = await getOptionalService(server, gattServices.battery);
    const level = battery
      ? await getOptionalCharacteristic(battery, gattCharacteristics.batteryLevel)
      : undefined;
    if (generation !== this.#generation) return;
    if (level) {
      const value = await level.readValue().catch(() => undefined);
      const batteryPercent = value ? decodeBatteryLevel(value) : undefined;
      if (batteryPercent !== undefined) this.#hub.updateInfo({ batteryPercent });
      if (level.properties.notify) {
        this.#batteryCharacteristic = level;
        level.addEventListener('characteristicvaluechanged', this.#onBattery);
        await level.startNotifications().catch(() => undefined);
      }
    }

    const information = await getOptionalService(server, gattServices.deviceInformation);
    if (!information || generation !== this.#generation) return;
    const manufacturer = await readOptionalText(information, gattCharacteristics.manufacturerName);
    const model = await readOptionalText(information, gattCharacteristics.modelNumber);
    const firmware = await readOptionalText(information, gattCharacteristics.firmwareRevision);
    if (generation !== this.#generation) return;
    this.#hub.updateInfo({
      ...(manufacturer !== undefined && { manufacturer }),
      ...(model !== undefined && { model }),
      ...(firmware !== undefined && { firmware }),
    });
  }

  readonly #onMeasurement = (event: Event): void => {
    const value = (event.target as BluetoothRemoteGATTCharacteristic).value;
    if (value) this.#hub.notify(value);
  };

  readonly #onBattery = (event: Event): void => {
    const value = (event.target as BluetoothRemoteGATTCharacteristic).value;
    const batteryPercent = value ? decodeBatteryLevel(value) : undefined;
    if (batteryPercent !== undefined) this.#hub.updateInfo({ batteryPercent });
  };

  readonly #onDisconnected = (): void => {
    if (this.#userDisconnected) return;
    this.#detachCharacteristics();
    this.#scheduleReconnect(++this.#generation);
  };

  #scheduleReconnect(generation: number): void {
    // One timer at a time: a give-up and the drop it causes may both ask for the next attempt.
    this.#cancelReconnectTimer?.();
    const attempt = ++this.#reconnectAttempt;
    const delayMs = reconnectDelayMs(attempt);
    this.#hub.setState({
      kind: 'reconnecting',
      attempt,
      nextAttemptAtMs: this.#clock.monotonicMs() + delayMs,
    });
    this.#cancelReconnectTimer = this.#clock.setTimeout(() => {
      void this.#reconnect(generation);
    }, delayMs);
  }

  async #reconnect(generation: number): Promise<void> {
    const device = this.#device;
    if (!device || generation !== this.#generation || this.#userDisconnected) return;
    try {
      await this.#connectGattWithin(device, generation);
    } catch {
      // Out of range, or gone again mid-discovery: keep trying with a longer wait.
      if (generation === this.#generation) this.#scheduleReconnect(generation);
    }
  }

  #detachCharacteristics(): void {
    this.#measurementCharacteristic?.removeEventListener('characteristicvaluechanged', this.#onMeasurement);
    this.#measurementCharacteristic = undefined;
    this.#batteryCharacteristic?.removeEventListener('characteristicvaluechanged', this.#onBattery);
    this.#batteryCharacteristic = undefined;
  }
}

async function getOptionalService(
  server: BluetoothRemoteGATTServer,
  service: BluetoothServiceUUID,
): Promise<BluetoothRemoteGATTService | undefined> {
  return server.getPrimaryService(service).catch(() => undefined);
}

async function getOptionalCharacteristic(
  service: BluetoothRemoteGATTService,
  characteristic: BluetoothCharacteristicUUID,
): Promise<BluetoothRemoteGATTCharacteristic | undefined> {
  return service.getCharacteristic(characteristic).catch(() => undefined);
}

async function readOptional(
  service: BluetoothRemoteGATTService,
  characteristic: BluetoothCharacteristicUUID,
): Promise<DataView | undefined> {
  const found = await getOptionalCharacteristic(service, characteristic);
  return found?.readValue().catch(() => undefined);
}

async function readOptionalText(
  service: BluetoothRemoteGATTService,
  characteristic: BluetoothCharacteristicUUID,
): Promise<string | undefined> {
  const value = await readOptional(service, characteristic);
  return value ? decodeUtf8Characteristic(value) : undefined;
}

/** A promise that never settles: the side of a race that only ever ends it one way. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
