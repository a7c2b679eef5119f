/**
 * A small in-memory Web Bluetooth for adapter unit tests: one strap whose services, reachability and failures the
 * test controls. The real browser stack is exercised by the end-to-end suite; this covers timing and edge cases.
 */
export interface FakeStrapSetup {
  /** The browser's device id; tests with several straps give each its own. */
  id?: string;
  name?: string;
  bodySensorLocation?: number;
  batteryPercent?: number;
  batteryNotifies?: boolean;
  manufacturer?: string;
  hasHeartRateService?: boolean;
}

class FakeCharacteristic extends EventTarget {
  value: DataView | undefined;
  notifying = false;
  constructor(
    readonly uuid: string,
    readonly properties: { notify: boolean; read: boolean },
    private readonly read: () => DataView,
  ) {
    super();
  }
  readValue(): Promise<DataView> {
    this.value = this.read();
    return Promise.resolve(this.value);
  }
  startNotifications(): Promise<this> {
    this.notifying = true;
    return Promise.resolve(this);
  }
  /** What the strap does when it notifies: the value changes and the event fires. */
  emit(bytes: number[]): void {
    this.value = new DataView(Uint8Array.from(bytes).buffer);
    this.dispatchEvent(new Event('characteristicvaluechanged'));
  }
}

class FakeService {
  constructor(readonly characteristics: Map<string, FakeCharacteristic>) {}
  getCharacteristic(uuid: string): Promise<FakeCharacteristic> {
    const found = this.characteristics.get(uuid);
    return found
      ? Promise.resolve(found)
      : Promise.reject(new DOMException('No characteristic', 'NotFoundError'));
  }
}

export class FakeStrap extends EventTarget {
  readonly id: string;
  readonly name: string;
  reachable = true;
  /** False: a connection attempt is never answered, until the page gives it up with gatt.disconnect(). */
  answers = true;
  connectCalls = 0;
  #abandonPendingConnect: (() => void) | undefined;
  /** Services are built anew on every connection, as a real stack hands out new objects after a reconnect. */
  services = new Map<string, FakeService>();
  heartRateMeasurement: FakeCharacteristic | undefined;
  batteryLevel: FakeCharacteristic | undefined;
  readonly gatt: {
    connected: boolean;
    connect: () => Promise<unknown>;
    disconnect: () => void;
    getPrimaryService: (uuid: string) => Promise<FakeService>;
  };

  constructor(readonly setup: FakeStrapSetup) {
    super();
    this.id = setup.id ?? 'fake-strap-1';
    this.name = setup.name ?? 'Fake H10';
    this.gatt = {
      connected: false,
      connect: () => {
        this.connectCalls++;
        if (!this.answers) {
          return new Promise((_resolve, reject) => {
            this.#abandonPendingConnect = () => {
              reject(new DOMException('The GATT connect attempt was cancelled.', 'AbortError'));
            };
          });
        }
        if (!this.reachable) return Promise.reject(new DOMException('Connection failed', 'NetworkError'));
        this.#buildServices();
        this.gatt.connected = true;
        return Promise.resolve(this.gatt);
      },
      disconnect: () => {
        this.#abandonPendingConnect?.();
        this.#abandonPendingConnect = undefined;
        this.gatt.connected = false;
      },
      getPrimaryService: (uuid: string) => {
        const found = this.gatt.connected ? this.services.get(uuid) : undefined;
        return found
          ? Promise.resolve(found)
          : Promise.reject(new DOMException(`No service ${uuid}`, 'NotFoundError'));
      },
    };
  }

  /** The strap drops out of range: the page sees gattserverdisconnected. */
  drop(): void {
    this.gatt.connected = false;
    this.reachable = false;
    this.dispatchEvent(new Event('gattserverdisconnected'));
  }

  #buildServices(): void {
    const byte = (value: number) => () => new DataView(Uint8Array.of(value).buffer);
    const text = (value: string) => () => new DataView(new TextEncoder().encode(value).buffer);
    this.services = new Map();
    if (this.setup.hasHeartRateService !== false) {
      this.heartRateMeasurement = new FakeCharacteristic(
        'heart_rate_measurement',
        { notify: true, read: false },
        () => {
          throw new DOMException('Reads not permitted', 'NotSupportedError');
        },
      );
      const heartRate = new Map([['heart_rate_measurement', this.heartRateMeasurement]]);
      if (this.setup.bodySensorLocation !== undefined) {
        heartRate.set(
          'body_sensor_location',
          new FakeCharacteristic(
            'body_sensor_location',
            { notify: false, read: true },
            byte(this.setup.bodySensorLocation),
          ),
        );
      }
      this.services.set('heart_rate', new FakeService(heartRate));
    }
    if (this.setup.batteryPercent !== undefined) {
      this.batteryLevel = new FakeCharacteristic(
        'battery_level',
        { notify: this.setup.batteryNotifies === true, read: true },
        byte(this.setup.batteryPercent),
      );
      this.services.set('battery_service', new FakeService(new Map([['battery_level', this.batteryLevel]])));
    }
    if (this.setup.manufacturer !== undefined) {
      const info = new FakeCharacteristic(
        'manufacturer_name_string',
        { notify: false, read: true },
        text(`${this.setup.manufacturer}\0`),
      );
      this.services.set('device_information', new FakeService(new Map([['manufacturer_name_string', info]])));
    }
  }
}

export class FakeBluetooth extends EventTarget {
  requestCalls: unknown[] = [];
  adapterAvailable = true;
  availabilityQuestions = 0;
  getAvailability(): Promise<boolean> {
    this.availabilityQuestions++;
    return Promise.resolve(this.adapterAvailable);
  }
  constructor(private readonly answer: () => Promise<FakeStrap>) {
    super();
  }
  /** The adapter goes on or off, and the browser says so, as Chrome does with `availabilitychanged`. */
  switchAdapter(available: boolean): void {
    this.adapterAvailable = available;
    this.dispatchEvent(Object.assign(new Event('availabilitychanged'), { value: available }));
  }
  requestDevice(options: unknown): Promise<FakeStrap> {
    this.requestCalls.push(options);
    return this.answer();
  }
}

/** The fakes stand in for the browser's types, which the adapter asks for. */
export function asBluetooth(fake: FakeBluetooth): Bluetooth {
  return fake as unknown as Bluetooth;
}

export function asDevice(fake: FakeStrap): BluetoothDevice {
  return fake as unknown as BluetoothDevice;
}
