/** The charts chunk, loaded when the dashboard first draws one (a module of its own, so tests can stand in for it). */
export const loadCharts = () => import('./Charts');
