/**
 * Every operation of the hub's API: one table, each capability's operations added by one line here. The Azure
 * registration, the local host, the OpenAPI document and the typed client are built from it.
 */
import { ConcernOperations } from './concerns/operations';
import { KernelOperations } from './kernel/operations';
import { MeetingOperations } from './meetings/operations';
import { MinutesOperations } from './minutes/operations';
import { PackOperations } from './packs/operations';
import { ReturnOperations } from './returns/operations';

export const Operations = {
  ...KernelOperations,
  ...ConcernOperations,
  ...ReturnOperations,
  ...MeetingOperations,
  ...MinutesOperations,
  ...PackOperations,
};
export type Operations = typeof Operations;
export type OperationName = keyof Operations;
