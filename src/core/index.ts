/** The public API of the pure core: decoding, HRV, zones, coaching and the session recorder. */
export * from './ble/index';
export * from './hrv/index';
export * from './strap/connection-state';
export * from './strap/recent-heart-rate';
export * from './session/index';
export * from './zones/index';
export * from './coaching/index';
export * from './group/index';
