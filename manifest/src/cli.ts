/** `npm run package:teams [-- --env local|dev]`: writes manifest/build/appPackage.<env>.zip, or says what is wrong. */
import path from 'node:path';
import { buildAppPackage, PackageProblems } from './app-package';

function envArgument(argv: string[]): string {
  const i = argv.findIndex((a) => a === '--env' || a.startsWith('--env='));
  if (i < 0) return 'local';
  const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  if (!value) throw new Error('--env needs the name of an environment, like --env dev.');
  return value;
}

async function main(): Promise<void> {
  const result = await buildAppPackage({ env: envArgument(process.argv.slice(2)) });
  const m = result.manifest;
  const commands = m.bots?.[0]?.commandLists?.flatMap((l) => l.commands).length ?? 0;
  const languages = [
    m.localizationInfo?.defaultLanguageTag,
    ...(m.localizationInfo?.additionalLanguages ?? []).map((a) => a.languageTag),
  ];
  console.log(
    `wrote ${path.relative(process.cwd(), result.zip)} (${result.bytes.toLocaleString('en-GB')} bytes): manifest ${m.manifestVersion}, app ${m.id} version ${m.version}, ${m.staticTabs?.length ?? 0} personal tabs, ${m.configurableTabs?.length ?? 0} channel tab, ${commands} bot commands, languages ${languages.join(', ')}; valid against the bundled schema and Teams' rules.`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof PackageProblems || e instanceof Error ? e.message : String(e));
  process.exit(1);
});
