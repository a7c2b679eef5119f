/**
 * Whether this device's Bluetooth adapter is on, known before the user taps "Connect strap": asked once at start and
 * followed through `availabilitychanged`. Knowing it then lets the tap open Chrome's chooser at once instead of
 * first waiting for the browser's answer while the screen draws.
 */
export class AdapterAvailability {
  readonly #bluetooth: Bluetooth;
  #known: boolean | undefined;
  /** Bumped by every change event, so an answer asked for before it does not overwrite it. */
  #changes = 0;

  constructor(bluetooth: Bluetooth) {
    this.#bluetooth = bluetooth;
    // Bluetooth is an EventTarget in Chrome; elsewhere the answers asked for (at start, at each tap) are all there is.
    if ('addEventListener' in bluetooth) bluetooth.addEventListener('availabilitychanged', this.#onChanged);
    void this.refresh();
  }

  /** The last answer, undefined until the browser has given one. */
  get known(): boolean | undefined {
    return this.#known;
  }

  /** Asks the browser again. */
  async refresh(): Promise<boolean> {
    const changesBefore = this.#changes;
    const available = await isAdapterAvailable(this.#bluetooth);
    if (this.#changes === changesBefore) this.#known = available;
    return available;
  }

  readonly #onChanged = (event: Event): void => {
    if (!('value' in event) || typeof event.value !== 'boolean') return;
    this.#changes++;
    this.#known = event.value;
  };
}

/** Browsers without getAvailability() are assumed to have an adapter; requestDevice then says if not. */
export async function isAdapterAvailable(bluetooth: Bluetooth): Promise<boolean> {
  if (typeof bluetooth.getAvailability !== 'function') return true;
  try {
    return await bluetooth.getAvailability();
  } catch {
    return true;
  }
}
