/**
 * The SharePoint app's credentials, checked when the store starts so that a bad certificate is a clear error in
 * the log rather than a 401 on the first request; and a token SharePoint refuses, named as such. The certificates
 * are made here with openssl, for this test only (nothing secret is kept in the repository).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import {
  checkCertificate,
  certificateTokenProvider,
} from '@pph/functions/adapters/sharepoint/certificate-tokens';
import { loadConfig, loadSharePointConfig } from '@pph/functions/config';
import { staticTokenProvider } from '@pph/functions/adapters/sharepoint/token-provider';
import { storeOverDouble } from '../support/sharepoint-double';
import { WIDGETS } from './store-contract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-cert-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function makeCertificate(name: string): { pem: string; thumbprint: string; file: string } {
  const key = path.join(dir, `${name}.key`);
  const crt = path.join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      '30',
      '-subj',
      `/CN=${name}`,
    ],
    { stdio: 'ignore' },
  );
  const pem = fs.readFileSync(crt, 'utf8') + fs.readFileSync(key, 'utf8');
  const file = path.join(dir, `${name}.pem`);
  fs.writeFileSync(file, pem);
  return { pem, thumbprint: new X509Certificate(fs.readFileSync(crt)).fingerprint.replace(/:/g, ''), file };
}

const TENANT = '11111111-1111-4111-8111-111111111111';
const CLIENT = '22222222-2222-4222-8222-222222222222';

it('accepts a valid certificate with its private key, and refuses an expired one, another one, or one without its key', () => {
  const cert = makeCertificate('hub');
  const now = new Date();
  expect(() => checkCertificate(cert.pem, cert.thumbprint, now)).not.toThrow();
  expect(() =>
    checkCertificate(cert.pem, cert.thumbprint.toLowerCase().replace(/(..)(?!$)/g, '$1:'), now),
  ).not.toThrow();
  const later = new Date(now.getTime() + 60 * 86_400_000);
  expect(() => checkCertificate(cert.pem, undefined, later)).toThrow(
    new RegExp(
      `certificate \\(thumbprint ${cert.thumbprint}\\) expired on \\d{4}-\\d{2}-\\d{2}: upload a new one`,
    ),
  );
  const other = makeCertificate('other');
  expect(() => checkCertificate(other.pem, cert.thumbprint, now)).toThrow(
    /has thumbprint .*not the configured PPH_SP_CERT_THUMBPRINT/,
  );
  const publicOnly = cert.pem.replace(/-----BEGIN PRIVATE KEY-----[\s\S]+$/, '');
  expect(() => checkCertificate(publicOnly, undefined, now)).toThrow(/must hold its private key too/);
  expect(() => checkCertificate('stand-in secret', undefined, now)).toThrow(
    /not PEM with a CERTIFICATE block .*content type PEM/,
  );
});

it('checks the certificate when the SharePoint store is configured, before any request', () => {
  const cert = makeCertificate('configured');
  const sharepoint = loadSharePointConfig({
    PPH_SP_SITE_URL: 'https://council.sharepoint.com/sites/prevent-hub/',
    PPH_TENANT_ID: TENANT,
    PPH_CLIENT_ID: CLIENT,
    PPH_SP_CERT_PATH: cert.file,
    PPH_SP_CERT_THUMBPRINT: cert.thumbprint,
  });
  expect(sharepoint).toMatchObject({
    siteUrl: 'https://council.sharepoint.com/sites/prevent-hub',
    tenantId: TENANT,
    clientId: CLIENT,
  });
  expect(() => certificateTokenProvider(sharepoint)).not.toThrow();
  expect(() => certificateTokenProvider(sharepoint, () => new Date(Date.now() + 60 * 86_400_000))).toThrow(
    /expired on/,
  );
  expect(() =>
    certificateTokenProvider({ ...sharepoint, certificate: { path: path.join(dir, 'missing.pem') } }),
  ).toThrow(/Cannot read the SharePoint certificate at PPH_SP_CERT_PATH/);
});

it('says which SharePoint settings are missing, and keeps the double out of azure mode', () => {
  expect(() => loadConfig({ PPH_MODE: 'local', PPH_STORE: 'sharepoint' })).toThrow(
    'Configuration: PPH_STORE=sharepoint needs PPH_SP_SITE_URL, PPH_SP_TENANT_ID (or PPH_TENANT_ID), PPH_SP_CLIENT_ID (or PPH_CLIENT_ID), PPH_SP_CERT_PATH or PPH_SP_CERTIFICATE.',
  );
  expect(() => loadConfig({ PPH_MODE: 'local', PPH_STORE: 'sharepoint-db' })).toThrow(
    /PPH_STORE must be "sqlite", "sharepoint" or "sharepoint-double"/,
  );
  expect(() =>
    loadConfig({
      PPH_MODE: 'azure',
      PPH_STORE: 'sharepoint-double',
      PPH_TENANT_ID: TENANT,
      PPH_CLIENT_ID: CLIENT,
      PPH_AUDIT_KEY: 'k'.repeat(40),
    }),
  ).toThrow(/sharepoint-double is a test double for local runs; refused in azure mode/);
  expect(loadConfig({ PPH_MODE: 'local', PPH_STORE: 'sharepoint-double' }).store).toBe('sharepoint-double');
});

it('names a token SharePoint refuses (another tenant, another site, an expired one) as such', async () => {
  const refused = await storeOverDouble({ store: { tokens: staticTokenProvider('') } });
  try {
    await expect(refused.store.provision([WIDGETS])).rejects.toThrow(
      /SharePoint refused the app's token for .* \(401\): check the app registration's certificate/,
    );
  } finally {
    await refused.close();
  }
});
