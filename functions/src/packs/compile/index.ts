export { compilePack, packParts } from './compile-pack';
export type * from './model';
