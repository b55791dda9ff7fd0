/**
 * The SharePoint solution package as `npm run package:spfx` builds it: a valid zip holding the web part's
 * manifest and the API permission request. `npm test` builds it first when it is missing or out of date
 * (test/setup/ensure-sppkg.js); without it this fails, saying how to build it.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

const SPFX = path.resolve(__dirname, '../../spfx');
const SPPKG = path.join(SPFX, 'sharepoint', 'solution', 'pph-board-secretariat.sppkg');
const built = fs.existsSync(SPPKG);
const WEB_PART_ID = JSON.parse(
  fs
    .readFileSync(
      path.join(SPFX, 'src/webparts/boardSecretariat/BoardSecretariatWebPart.manifest.json'),
      'utf8',
    )
    .replace(/^\s*\/\/.*$/gm, ''),
).id as string;

if (!built) throw new Error(`${SPPKG} is missing: build it with \`npm run package:spfx\` (npm test does).`);

test('the .sppkg is a zip with the web part, its script and the API permission request', async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(SPPKG));
  const names = Object.keys(zip.files);
  const manifest = await zip.file('AppManifest.xml')!.async('string');
  expect(manifest).toContain('<WebApiPermissionRequest ResourceId="Prevent Hub API" Scope="access_as_user">');
  expect(manifest).toContain('IsClientSideSolution="true"');
  const webPart = names.find((n) => n.endsWith(`WebPart_${WEB_PART_ID}.xml`));
  expect(webPart).toBeDefined();
  const definition = await zip.file(webPart!)!.async('string');
  expect(definition).toContain('Prevent Board secretariat');
  expect(definition).toContain(WEB_PART_ID);
  const script = names.find((n) => /^ClientSideAssets\/board-secretariat-web-part_[0-9a-f]+\.js$/.test(n));
  expect(script).toBeDefined();
  const js = await zip.file(script!)!.async('string');
  // React comes from SharePoint (an AMD dependency); the views and the contract are bundled.
  expect(js).toMatch(/define\("[^"]+",\["react","react-dom"/);
  expect(js).toContain('Move up');
  expect(js).toContain('meetings/{meetingId}/agenda/{itemId}/position');
});
