/**
 * App-only tokens for SharePoint from the app registration's certificate (Entra client credentials with a
 * certificate, through @azure/identity; SharePoint Online refuses app-only tokens got with a client secret).
 * The certificate is checked at start, so an expired or mismatched one is a clear error in the log instead of
 * a 401 on the first request. Tokens are reused until five minutes before they expire.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { ClientCertificateCredential } from '@azure/identity';
import type { SharePointConfig } from '../../config';
import type { TokenProvider } from './token-provider';

const RENEW_BEFORE_MS = 5 * 60_000;

export function certificateTokenProvider(
  config: SharePointConfig,
  now: () => Date = () => new Date(),
): TokenProvider {
  const pem = readPem(config);
  checkCertificate(pem, config.thumbprint, now());
  const credential = new ClientCertificateCredential(config.tenantId, config.clientId, { certificate: pem });
  const cache = new Map<string, { token: string; expiresOn: number }>();
  return {
    async getToken(scope) {
      const hit = cache.get(scope);
      if (hit && hit.expiresOn - RENEW_BEFORE_MS > now().getTime()) return hit.token;
      let token;
      try {
        token = await credential.getToken(scope);
      } catch (e) {
        // Entra's message can name the tenant and app; the error's name is enough to look it up in the log.
        throw new Error(
          `Entra refused the hub a SharePoint token (${e instanceof Error ? e.name : 'unknown'}): check PPH_SP_TENANT_ID, ` +
            'PPH_SP_CLIENT_ID and that this certificate is uploaded to the app registration.',
        );
      }
      if (!token) throw new Error('Entra returned no SharePoint token for the hub.');
      cache.set(scope, { token: token.token, expiresOn: token.expiresOnTimestamp });
      return token.token;
    },
  };
}

function readPem(config: SharePointConfig): string {
  if ('pem' in config.certificate) return config.certificate.pem;
  try {
    return fs.readFileSync(config.certificate.path, 'utf8');
  } catch {
    throw new Error(
      `Cannot read the SharePoint certificate at PPH_SP_CERT_PATH (${config.certificate.path}).`,
    );
  }
}

/** The certificate is valid now, carries its private key, and (if one is configured) has the thumbprint. */
export function checkCertificate(pem: string, thumbprint: string | undefined, now: Date): void {
  const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!block)
    throw new Error(
      'The SharePoint certificate is not PEM with a CERTIFICATE block (in Key Vault, create it with the content type PEM).',
    );
  if (!/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem))
    throw new Error('The SharePoint certificate PEM must hold its private key too (PRIVATE KEY block).');
  const cert = new X509Certificate(block);
  const actual = cert.fingerprint.replace(/:/g, '').toUpperCase();
  if (thumbprint && thumbprint.replace(/:/g, '').toUpperCase() !== actual)
    throw new Error(
      `The SharePoint certificate has thumbprint ${actual}, not the configured PPH_SP_CERT_THUMBPRINT: point the hub at the certificate the app registration has.`,
    );
  if (now.getTime() > Date.parse(cert.validTo))
    throw new Error(
      `The SharePoint certificate (thumbprint ${actual}) expired on ${new Date(cert.validTo).toISOString().slice(0, 10)}: ` +
        'upload a new one to the app registration and to Key Vault, then restart the hub.',
    );
  if (now.getTime() < Date.parse(cert.validFrom))
    throw new Error(
      `The SharePoint certificate (thumbprint ${actual}) is not valid until ${cert.validFrom}.`,
    );
}
