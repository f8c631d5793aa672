// `npm run build`: writes THIRD-PARTY-LICENSES.txt beside the bundles that carry other packages'
// code (dist/widget and dist/npm both bundle the Chime SDK and the Participant Service client,
// which are Apache-2.0: their licence and NOTICE travel with every copy).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const LICENSE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE'];

/** The packages whose files a bundle's source maps name, each by its directory in node_modules. */
export function bundledPackages(dir: string): Map<string, string> {
  const packages = new Map<string, string>();
  const maps = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.js.map'),
  );
  for (const file of maps) {
    const path = join(dir, file);
    const { sources } = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(resolve(dirname(path), source));
      if (!match) continue;
      const packageDir = match[1]!;
      const { name } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
        name: string;
      };
      packages.set(name, packageDir);
    }
  }
  return packages;
}

function notices(packages: Map<string, string>): string {
  const sections = [...packages]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, packageDir]) => {
      const { version, license } = JSON.parse(
        readFileSync(join(packageDir, 'package.json'), 'utf8'),
      ) as { version: string; license?: string };
      const licenseFile = LICENSE_FILES.map((file) => join(packageDir, file)).find(existsSync);
      const noticeFile = join(packageDir, 'NOTICE');
      return [
        `${name}@${version} (${license ?? 'see its licence below'})`,
        existsSync(noticeFile) ? readFileSync(noticeFile, 'utf8').trim() : '',
        licenseFile ? readFileSync(licenseFile, 'utf8').trim() : `Licence: ${license}`,
      ]
        .filter(Boolean)
        .join('\n\n');
    });
  return `This bundle includes code of the following packages.\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

if (import.meta.filename === process.argv[1]) {
  for (const out of ['dist/widget', 'dist/npm']) {
    const packages = bundledPackages(join(root, out));
    writeFileSync(join(root, out, 'THIRD-PARTY-LICENSES.txt'), notices(packages));
    console.log(`${out}/THIRD-PARTY-LICENSES.txt: ${packages.size} packages`);
  }
}
