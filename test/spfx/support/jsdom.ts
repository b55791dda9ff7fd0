/** What jsdom lacks and Fluent UI's MessageBar asks for (it watches its own width to lay out its actions). */
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const g = globalThis as { ResizeObserver?: unknown };
g.ResizeObserver ??= NoResizeObserver;
export {};
