/**
 * @jest-environment jsdom
 */
/**
 * The tab's shell: in a plain browser it says so and, on a local hub only, offers the demo personas and signs in
 * with x-dev-persona; in Teams it sends the SSO token, follows the theme live and opens what a deep link names.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { render } from '@testing-library/react';
import { approvalsTabDeepLink } from '@pph/contract';
import { App } from '../../teams-app/src/app/App';
import type { Host, ThemeName } from '../../teams-app/src/host/teams';
import { deepLinkPath } from '../../teams-app/src/host/deep-link';
import { FakeHub } from './support/fake-hub';
import { me } from './support/fixtures';

jest.mock('../../teams-app/src/app/Pages', () => ({
  Pages: () => <p>{`The page at ${window.location.pathname}${window.location.search}`}</p>,
}));

const HUB = 'http://hub.test';
const health = (mode: 'local' | 'azure') => ({
  body: { status: 'ok', version: '0.1.0', store: 'sqlite', mode, time: '2026-11-23T10:00:00.000Z' },
});
const personas = {
  body: {
    items: [
      {
        id: '00000000-0000-4000-8000-000000000002',
        displayName: 'Sasha Lindqvist',
        roles: ['safeguarding-lead'],
        partnerName: 'Harbourside Borough Council',
      },
      {
        id: '00000000-0000-4000-8000-000000000007',
        displayName: 'Rowan Fairweather',
        roles: ['board-member'],
        partnerName: 'Probation Service (Harbourside)',
      },
    ],
  },
};
const browser = async (): Promise<Host> => ({ kind: 'browser' });

beforeEach(() => {
  window.localStorage.clear();
  window.history.replaceState(null, '', '/my-work');
});

test('outside Teams on a local hub: says so, offers the personas, signs in as the one chosen and remembers it', async () => {
  const hub = new FakeHub()
    .on('GET', '/api/health', health('local'))
    .on('GET', '/api/dev/personas', personas)
    .on('GET', '/api/me', { body: me() });
  render(<App detect={browser} baseUrl={HUB} fetch={hub.fetch} />);
  expect(await screen.findByText(/open outside Microsoft Teams, on a local hub/)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('Choose a demo person to sign in as.')).toBeTruthy();
  fireEvent.change(screen.getByRole('combobox', { name: /Demo person/ }), {
    target: { value: '00000000-0000-4000-8000-000000000002' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('The page at /my-work')).toBeTruthy();
  expect(
    screen.getByText(
      /Signed in as Sasha Lindqvist, Harbourside Borough Council \(demo sign-in, local only\)/,
    ),
  ).toBeTruthy();
  expect(hub.sent('GET', '/api/me')[0]!.headers['x-dev-persona']).toBe(
    '00000000-0000-4000-8000-000000000002',
  );
  expect(window.localStorage.getItem('pph.devPersona')).toBe('00000000-0000-4000-8000-000000000002');
  // "Sign in as someone else" goes back to the choice.
  fireEvent.click(screen.getByRole('button', { name: 'Sign in as someone else' }));
  expect(await screen.findByRole('heading', { name: 'Sign in as a demo person' })).toBeTruthy();
});

test('outside Teams on a hub that is not local: no personas, only "open it in Teams"', async () => {
  const hub = new FakeHub().on('GET', '/api/health', health('azure'));
  render(<App detect={browser} baseUrl={HUB} fetch={hub.fetch} />);
  expect(await screen.findByText(/Open it from the app in Teams to sign in/)).toBeTruthy();
  expect(hub.sent('GET', '/api/dev/personas')).toHaveLength(0);
});

test('in Teams: the SSO token as a bearer, the host’s theme followed live, and a deep link opened', async () => {
  let themeHandler: ((t: ThemeName) => void) | undefined;
  const teams = async (): Promise<Host> => ({
    kind: 'teams',
    theme: 'dark',
    locale: 'en-gb',
    pageId: 'my-work',
    subPageId: 'concern:PRV-2026-0004',
    token: async () => 'sso-token',
    onThemeChange: (h) => {
      themeHandler = h;
    },
  });
  const hub = new FakeHub().on('GET', '/api/me', { body: me() });
  const { container } = render(<App detect={teams} baseUrl={HUB} fetch={hub.fetch} />);
  expect(await screen.findByText('The page at /concern?ref=PRV-2026-0004')).toBeTruthy();
  expect(hub.sent('GET', '/api/me')[0]!.headers.authorization).toBe('Bearer sso-token');
  expect(screen.queryByText(/outside Microsoft Teams/)).toBeNull();
  const provider = container.querySelector('[data-theme]')!;
  expect(provider.getAttribute('data-theme')).toBe('dark');
  act(() => themeHandler!('contrast'));
  await waitFor(() => expect(provider.getAttribute('data-theme')).toBe('contrast'));
});

test('when Teams cannot sign the person in, the tab says what to do', async () => {
  const teams = async (): Promise<Host> => ({
    kind: 'teams',
    theme: 'default',
    locale: 'en-gb',
    token: async () => {
      throw new Error('consent required');
    },
    onThemeChange: () => undefined,
  });
  render(<App detect={teams} baseUrl={HUB} fetch={new FakeHub().fetch} />);
  expect(await screen.findByText(/Teams could not sign you in to the hub \(consent required\)/)).toBeTruthy();
});

test('a ?theme= picks the theme for a local run', async () => {
  window.history.replaceState(null, '', '/my-work?theme=contrast');
  const hub = new FakeHub()
    .on('GET', '/api/health', health('local'))
    .on('GET', '/api/dev/personas', personas);
  const { container } = render(<App detect={browser} baseUrl={HUB} fetch={hub.fetch} />);
  await screen.findByRole('heading', { name: 'Sign in as a demo person' });
  expect(container.querySelector('[data-theme]')!.getAttribute('data-theme')).toBe('contrast');
});

test('the bot card’s "Open in the hub" names the My work tab and opens the concern there', () => {
  const link = new URL(approvalsTabDeepLink('app-id', 'PRV-2026-0003'));
  expect(link.pathname).toBe('/l/entity/app-id/my-work');
  const { subEntityId } = JSON.parse(link.searchParams.get('context')!) as { subEntityId: string };
  expect(deepLinkPath(subEntityId, 'my-work')).toBe('/concern?ref=PRV-2026-0003');
});

test('deep links: a concern, a return and a cycle each open their page', () => {
  expect(deepLinkPath('concern:PRV-2026-0001', 'my-work')).toBe('/concern?ref=PRV-2026-0001');
  expect(deepLinkPath('return:RTN-2026-27-Q3-0006', 'returns')).toBe('/returns?ref=RTN-2026-27-Q3-0006');
  expect(deepLinkPath('cycle:2026-27-Q3', 'dashboard')).toBe('/dashboard?cycle=2026-27-Q3');
  expect(deepLinkPath('cycle:2026-27-Q3', 'returns')).toBe('/returns?cycle=2026-27-Q3');
  expect(deepLinkPath('something-else', 'my-work')).toBeUndefined();
});
