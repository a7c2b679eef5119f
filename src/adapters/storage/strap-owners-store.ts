import * as v from 'valibot';

/** Which runner each Bluetooth strap belongs to, by the browser's device id: next week's group needs no chooser. */
export type StrapOwners = Readonly<Record<string, string>>;

const storageKey = 'calm-run.strap-owners';

const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
// Object keys that are also Object.prototype's names would read back wrong; a record schema refuses none of them.
const ownersSchema = v.record(idSchema, idSchema);

/** The stored owners; none when nothing is stored, storage is off, or what is stored is not a map of ids. */
export function loadStrapOwners(storage: Pick<Storage, 'getItem'> = localStorage): StrapOwners {
  try {
    const text = storage.getItem(storageKey);
    if (text === null) return {};
    const parsed = v.safeParse(ownersSchema, JSON.parse(text));
    return parsed.success ? Object.fromEntries(Object.entries(parsed.output)) : {};
  } catch {
    return {};
  }
}

/** Stores the owners; false when the browser would not keep them (storage off or full). */
export function saveStrapOwners(
  owners: StrapOwners,
  storage: Pick<Storage, 'setItem'> = localStorage,
): boolean {
  try {
    storage.setItem(storageKey, JSON.stringify(owners));
    return true;
  } catch {
    return false;
  }
}

/** Gives the strap to the runner: a strap has one owner, and a runner one strap. */
export function assignStrap(owners: StrapOwners, deviceId: string, runnerId: string): StrapOwners {
  const kept = Object.entries(owners).filter(
    ([device, runner]) => device !== deviceId && runner !== runnerId,
  );
  return Object.fromEntries([...kept, [deviceId, runnerId]]);
}

/** The device id of the runner's strap, if one was assigned. */
export function strapOfRunner(owners: StrapOwners, runnerId: string): string | undefined {
  return Object.entries(owners).find(([, runner]) => runner === runnerId)?.[0];
}
