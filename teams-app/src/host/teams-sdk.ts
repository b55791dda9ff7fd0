/**
 * teams-js, loaded only where Teams may be the host (a framed page or a Teams webview). Outside Teams it is never
 * loaded: it would fetch its list of valid origins from a CDN as soon as it is imported, and it is a sizeable
 * part of a tab's script. One module, so tests can stand in for it.
 */
export const loadTeamsSdk = () => import('@microsoft/teams-js');
