/** Versioned route definitions kept in the Routes list; a concern keeps the version it started on. */
import { RouteDefinitionSchema, type RouteDefinition } from '@pph/contract';
import { ConcernLists } from '../lists';
import { isStoreError, type Store } from '../../ports/store';
import { allItems, firstWhere, str } from '../../kernel/store/paging';

const routeKey = (id: string, version: number) => `${id}@${version}`;

export class RouteRepository {
  /** Published versions never change, so they can be cached for good. */
  private readonly cache = new Map<string, RouteDefinition>();

  constructor(private readonly store: Store) {}

  async publish(route: RouteDefinition): Promise<void> {
    const valid = RouteDefinitionSchema.parse(route);
    try {
      await this.store.create(ConcernLists.routes, {
        RouteKey: routeKey(valid.id, valid.version),
        RouteId: valid.id,
        Version: valid.version,
        Definition: JSON.stringify(valid),
      });
    } catch (e) {
      if (!isStoreError(e, 'unique')) throw e;
      // Already published. Versions are immutable: a changed definition must be a new version, or concerns
      // started on this one would silently follow rules they did not start on.
      const stored = await this.get(valid.id, valid.version);
      if (JSON.stringify(stored) !== JSON.stringify(valid))
        throw new Error(
          `Route ${routeKey(valid.id, valid.version)} is already published with a different definition; publish the change as version ${valid.version + 1}.`,
        );
    }
  }

  async get(id: string, version: number): Promise<RouteDefinition> {
    const key = routeKey(id, version);
    let route = this.cache.get(key);
    if (!route) {
      const item = await firstWhere(this.store, ConcernLists.routes, 'RouteKey', key);
      if (!item) throw new Error(`Route ${key} is not published`);
      route = RouteDefinitionSchema.parse(JSON.parse(str(item, 'Definition')));
      this.cache.set(key, route);
    }
    return route;
  }

  async latest(id: string): Promise<RouteDefinition> {
    const all = (await this.list()).filter((r) => r.id === id);
    const newest = all.sort((a, b) => b.version - a.version)[0];
    if (!newest) throw new Error(`No route "${id}" is published`);
    return newest;
  }

  async list(): Promise<RouteDefinition[]> {
    const out: RouteDefinition[] = [];
    for await (const item of allItems(this.store, ConcernLists.routes, { top: 500 })) {
      out.push(RouteDefinitionSchema.parse(JSON.parse(str(item, 'Definition'))));
    }
    return out;
  }
}
