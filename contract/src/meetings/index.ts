/** The meetings capability's contract: meetings and series, agenda and papers, attendance and quorum, operations. */
export * from './meeting';
export * from './agenda';
export * from './attendance';
export * from './view';
export * from './params';
export * from './operations';
