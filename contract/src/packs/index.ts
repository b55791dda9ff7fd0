/** The board pack's contract: concern statistics, builds and versions, operations. */
export * from './statistics';
export * from './pack';
export * from './params';
export * from './operations';
