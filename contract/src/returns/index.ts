/** The returns capability's contract: template, content, cycles, returns, collation, operations, links. */
export * from './template';
export * from './content';
export * from './cycle';
export * from './return';
export * from './collation';
export * from './params';
export * from './links';
export * from './operations';
