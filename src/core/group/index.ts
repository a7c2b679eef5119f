export * from './attention';
export * from './tile-order';
export * from './group-summary';
export * from './heart-rate-trend';
