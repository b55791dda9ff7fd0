/** The Teams bot: SDK-free conversation core, its botbuilder adapter and its hosts. */
export { PreventBot } from './core/prevent-bot';
export { HubClient, HubApiError } from './api/hub-client';
export { startBotServer } from './host/server';
export { loadBotConfig } from './host/config';
