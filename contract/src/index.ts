/** The one typed contract: the API validates with these schemas and every client imports them. */
export * from './kernel/common';
export * from './concerns/concern';
export * from './concerns/route';
export * from './concerns/workflow';
export * from './kernel/api';
export * from './concerns/links';
export * from './kernel/bot';
