/**
 * Withdraws this site's permission for every strap it was allowed to use, so after "erase everything" not even the
 * list of paired straps is left. Browsers without `forget()` keep the permission until it is removed in site settings.
 */
export async function forgetPairedStraps(bluetooth: Bluetooth): Promise<void> {
  if (typeof bluetooth.getDevices !== 'function') return;
  const devices = await bluetooth.getDevices().catch((): BluetoothDevice[] => []);
  await Promise.all(
    devices.map(async (device) => {
      if (typeof device.forget !== 'function') return;
      await device.forget().catch(() => undefined);
    }),
  );
}
