export * from './errors';
export * from './types';
export * from './functions';
export * from './money';
export * from './campaigns';
export * from './commerce';
export * from './payments';
export * from './notifications';
