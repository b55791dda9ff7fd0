/** The one typed contract: the API validates with these schemas and every client imports them. No server code. */
export * from './kernel/common';
export * from './kernel/api';
export * from './kernel/bot';
export * from './kernel/operation';
export * from './kernel/operations';
export * from './kernel/client';
export * from './concerns/concern';
export * from './concerns/route';
export * from './concerns/workflow';
export * from './concerns/links';
export * from './concerns/params';
export * from './concerns/operations';
export * from './returns';
export * from './minutes';
export * from './meetings';
export * from './operations';
export * from './paths';
