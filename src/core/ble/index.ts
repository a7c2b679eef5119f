export * from './gatt-ids';
export * from './heart-rate-measurement';
export * from './encode-heart-rate-measurement';
export * from './body-sensor-location';
export * from './battery-level';
export * from './strap-measurement';
export * from './hex';
export * from './packet-log';
