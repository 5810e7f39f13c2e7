export * from './version';
export * from './limits';
export * from './model';
export * from './events';
export * from './frames';
export * from './rest';
export * from './parse';
