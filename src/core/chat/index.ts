export * from './conversation';
export * from './trim';
export * from './coalescer';
export * from './store';
export * from './errorView';
export * from './prompt';
export * from './queue';
export * from './instructions';
