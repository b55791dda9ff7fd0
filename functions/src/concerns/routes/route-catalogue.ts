/** Who may see the route definitions, in front of the repository that stores them. */
import type { RouteDefinition } from '@pph/contract';
import type { Actor } from '../../kernel/auth/actor';
import { requireRole } from '../policy';
import type { RouteRepository } from './route-repository';

export class RouteCatalogue {
  constructor(private readonly routes: RouteRepository) {}

  async list(actor: Actor): Promise<RouteDefinition[]> {
    requireRole(actor, 'routes.read');
    return this.routes.list();
  }
}
