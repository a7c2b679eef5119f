// The least page that shows a strap's heart rate: the floor of tests/bench/live.bench.ts. It connects through real
// Web Bluetooth as the app does and only sets the number; no framework, no chart, no recording.
const number = document.querySelector('[data-testid="heart-rate"]');

document.querySelector('button').addEventListener('click', async () => {
  const device = await navigator.bluetooth.requestDevice({ filters: [{ services: ['heart_rate'] }] });
  const server = await device.gatt.connect();
  const service = await server.getPrimaryService('heart_rate');
  const characteristic = await service.getCharacteristic('heart_rate_measurement');
  characteristic.addEventListener('characteristicvaluechanged', () => {
    const value = characteristic.value;
    const uint16 = (value.getUint8(0) & 0x01) !== 0;
    number.textContent = String(uint16 ? value.getUint16(1, true) : value.getUint8(1));
  });
  await characteristic.startNotifications();
  document.body.dataset.state = 'live';
});
