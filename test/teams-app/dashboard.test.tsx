/**
 * @jest-environment jsdom
 */
/** The Dashboard: every chart has its table, suppressed figures read [c], and the workbook downloads. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import DashboardPage from '../../teams-app/src/pages/DashboardPage';
import { FakeHub } from './support/fake-hub';
import { CYCLE_ID, collation, cycles } from './support/return-fixtures';
import { renderSignedIn } from './support/render';

// The charts library draws with d3 (ES modules only): stand in for the lazily loaded chunk, and count its use.
const mockDrawn: string[] = [];
jest.mock('../../teams-app/src/dashboard/load-charts', () => ({
  loadCharts: async () => ({ BarChart: mockBarChart, RagChart: mockRagChart }),
}));
const mockBarChart = ({ title, bars }: { title: string; bars: { label: string; value: number }[] }) => {
  mockDrawn.push(title);
  return <div data-testid="chart">{`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}</div>;
};
const mockRagChart = () => <div data-testid="chart">RAG</div>;

const hub = () =>
  new FakeHub()
    .on('GET', '/api/return-cycles', { body: cycles() })
    .on('GET', `/api/return-cycles/${CYCLE_ID}/collation`, { body: collation() });

test('each figure has its table; suppressed counts read [c] and "suppressed", and stay out of the chart', async () => {
  renderSignedIn(<DashboardPage />, { hub: hub() });
  const table = await screen.findByRole('table', { name: 'Training by staff group: the figures' });
  const housing = within(table).getByRole('rowheader', { name: 'Housing teams' }).closest('tr')!;
  expect(within(housing).getAllByText('[c]')).toHaveLength(3);
  expect(within(housing).getAllByText('suppressed')).toHaveLength(3);
  expect(screen.getAllByText('Suppressed figures ([c]) are left out of the chart.').length).toBeGreaterThan(
    0,
  );
  expect(await screen.findByText('Training by staff group: Teaching and education staff 52')).toBeTruthy();
  expect(screen.getByText(/3 of 7 returns submitted \(43%\); 1 approved \(14%\)/)).toBeTruthy();
  expect(screen.getByRole('table', { name: 'Delivery plan by section: the figures' })).toBeTruthy();
  expect(
    within(screen.getByRole('table', { name: 'Late and missing returns: the figures' })).getByText('Missing'),
  ).toBeTruthy();
  expect(mockDrawn).toContain('Completion');
});

test('the Excel workbook is downloaded with the same sign-in and handed to the browser to save', async () => {
  const saved: { name: string; size: number }[] = [];
  const createObjectURL = jest.fn(() => 'blob:workbook');
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, size: 0 });
  });
  const h = hub();
  const answer = h.fetch;
  const fetchFile = jest.fn(async (input: string | URL | Request, init?: RequestInit) => {
    if (!String(input).endsWith('/collation/workbook')) return answer(input, init);
    const headers: Record<string, string> = {
      'content-disposition': 'attachment; filename="prevent-returns-2026-27-Q3.xlsx"',
    };
    return {
      ok: true,
      status: 200,
      headers: { get: (n: string) => headers[n] ?? null },
      blob: async () => new Blob(['PK']),
    } as unknown as Response;
  });
  renderSignedIn(<DashboardPage />, { hub: Object.assign(h, { fetch: fetchFile as typeof fetch }) });
  fireEvent.click(await screen.findByRole('button', { name: 'Download the Excel workbook' }));
  expect(await screen.findByText('Downloaded prevent-returns-2026-27-Q3.xlsx.')).toBeTruthy();
  expect(saved).toEqual([{ name: 'prevent-returns-2026-27-Q3.xlsx', size: 0 }]);
  const [, init] = fetchFile.mock.calls.find(([u]) => String(u).endsWith('/collation/workbook'))!;
  expect((init!.headers as Record<string, string>)['x-dev-persona']).toBeDefined();
  click.mockRestore();
  await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
});
