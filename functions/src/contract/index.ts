/** The one typed contract: the API validates with these schemas and every client imports them. */
export * from './common';
export * from './concern';
export * from './route';
export * from './workflow';
export * from './api';
export * from './links';
export * from './bot';
