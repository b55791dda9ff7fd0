/**
 * @jest-environment jsdom
 */
/** Finding the host, and the channel tab's configuration through teams-js (stood in for: jsdom is not Teams). */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { detectHost } from '../../teams-app/src/host/teams';
import ConfigPage from '../../teams-app/src/pages/ConfigPage';
import { renderSignedIn } from './support/render';

const mockSdk = {
  initialize: jest.fn<Promise<void>, []>(),
  getContext: jest.fn(),
  registerOnSaveHandler: jest.fn(),
  setValidityState: jest.fn(),
  setConfig: jest.fn(async (_: unknown) => undefined),
  loads: 0,
};
jest.mock('../../teams-app/src/host/teams-sdk', () => ({
  loadTeamsSdk: async () => {
    mockSdk.loads += 1;
    return {
      app: {
        initialize: mockSdk.initialize,
        getContext: mockSdk.getContext,
        notifySuccess: () => undefined,
        registerOnThemeChangeHandler: () => undefined,
      },
      authentication: { getAuthToken: async () => 'token' },
      pages: {
        config: {
          registerOnSaveHandler: mockSdk.registerOnSaveHandler,
          setValidityState: mockSdk.setValidityState,
          setConfig: mockSdk.setConfig,
        },
      },
    };
  },
}));

beforeEach(() => {
  jest.clearAllMocks();
  mockSdk.loads = 0;
});

const framed = () => ({ parent: {} }) as unknown as Window;

test('a page neither framed nor in a Teams webview is a plain browser at once, without loading teams-js', async () => {
  expect(await detectHost(window)).toEqual({ kind: 'browser' });
  expect(mockSdk.loads).toBe(0);
});

test('a framed page whose host never answers app.initialize() is a plain browser after the wait', async () => {
  mockSdk.initialize.mockReturnValue(new Promise(() => undefined));
  expect(await detectHost(framed(), 50)).toEqual({ kind: 'browser' });
});

test('in Teams: the theme, locale and deep link come from the context', async () => {
  mockSdk.initialize.mockResolvedValue(undefined);
  mockSdk.getContext.mockResolvedValue({
    app: { theme: 'contrast', locale: 'en-gb' },
    page: { id: 'my-work', subPageId: 'concern:PRV-2026-0002', frameContext: 'content' },
  });
  const host = await detectHost(framed(), 1000);
  expect(host).toMatchObject({
    kind: 'teams',
    theme: 'contrast',
    pageId: 'my-work',
    subPageId: 'concern:PRV-2026-0002',
  });
  if (host.kind === 'teams') expect(await host.token()).toBe('token');
});

test('the channel tab’s configuration: choosing a view makes Save valid, and Save stores its content address', async () => {
  renderSignedIn(<ConfigPage />, {
    host: {
      kind: 'teams',
      theme: 'default',
      locale: 'en-gb',
      token: async () => 't',
      onThemeChange: () => undefined,
    },
  });
  await waitFor(() => expect(mockSdk.registerOnSaveHandler).toHaveBeenCalled());
  fireEvent.click(screen.getByRole('radio', { name: 'Dashboard: the collated figures' }));
  await waitFor(() => expect(mockSdk.setValidityState).toHaveBeenCalledWith(true));
  const save = { notifySuccess: jest.fn(), notifyFailure: jest.fn() };
  mockSdk.registerOnSaveHandler.mock.calls[0][0](save);
  await waitFor(() => expect(save.notifySuccess).toHaveBeenCalled());
  expect(mockSdk.setConfig).toHaveBeenCalledWith({
    contentUrl: `${window.location.origin}/channel?view=dashboard`,
    websiteUrl: `${window.location.origin}/dashboard`,
    entityId: 'channel-dashboard',
    suggestedDisplayName: 'Dashboard',
  });
});

test('outside Teams the configuration page shows where the tab would go', async () => {
  renderSignedIn(<ConfigPage />);
  fireEvent.click(screen.getByRole('radio', { name: 'Returns: this quarter’s partner returns' }));
  expect(
    await screen.findByText(/the tab would open http:\/\/localhost\/channel\?view=returns/),
  ).toBeTruthy();
  expect(mockSdk.loads).toBe(0);
});
