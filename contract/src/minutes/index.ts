/** The minutes and action-log capability's contract: minutes, actions, what the pack takes, operations, links. */
export * from './actions';
export * from './minutes';
export * from './pack';
export * from './params';
export * from './links';
export * from './operations';
