import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** What a customer's browser downloads at each step, from the script-tag build in dist/widget. */
export type BundleName = 'loader' | 'panel' | 'media' | 'dtmf' | 'background' | 'chat' | 'language';

export interface BundleSize {
  name: BundleName;
  /** Files (relative to the widget directory) the browser fetches for this step. */
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

/**
 * The budgets of issue 6, in gzip bytes (1 KB = 1000 bytes, as size-limit and Vite count). The
 * panel's went from 30 KB to 31 KB with the checks of what the browser can do (issue 13) and the
 * waiting view of the contact flow (issue 14), which took it to 30.2 KB; to 34 KB with calls of up to
 * six (issue 15: the group stage, invitations and guest mode, 33.2 KB). Splitting the group stage and
 * the invite panel into a chunk of their own was tried: the chunks the split shares with the panel
 * cost more than it moved out (panel 33.3 KB plus a 1.9 KB chunk). To 36 KB with chat (issue 17,
 * 35.84 KB): the chat's view, controller, model, markdown and strings are in the chat chunk; the
 * panel gained the offer (launcher label, first screen, options, the chunk's slot) and lost a
 * little to the chunk it now shares with the chat chunk (Preact, signals, the session request).
 * The chat chunk's budget is amazon-connect-chatjs (about 78 KB gzip) plus ours. To 36.2 KB when
 * chat met this session's group-stage signals in one build: 36.00 KB, a few bytes over 36.
 * The background effect (issue 16) stays within it: its picker, the picker's strings and the words
 * of its notice come with the media chunk (src/media/background/background-option.ts); the panel
 * keeps the backgroundImages option, the picker's place among the device pickers and the notice's
 * case (36.20 KB; with the picker and its strings in the panel, 36.61 KB). The code the panel
 * shares with the media chunk then went into the panel's own chunk (vite.lib.config.ts): 35.91 KB,
 * and 35.98 KB with chat's in-call control (whose styles went to the chat chunk).
 */
export const BUDGETS: Partial<Record<BundleName, number>> = {
  loader: 5_000,
  panel: 36_200,
  media: 240_000,
  chat: 90_000,
};

export const DESCRIPTIONS: Record<BundleName, string> = {
  loader: 'loader (every page)',
  panel: 'panel (on interaction or idle)',
  media: 'media (on intent or call start)',
  dtmf: 'DTMF client (idle, in a call)',
  background: 'background effect (when turned on), with its WebAssembly and model',
  chat: 'chat (when a chat starts)',
  language: 'one language besides English (the largest; one per page, when chosen)',
};

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g;
// Dynamic imports go through a helper whose name the minifier shortens
// (scripts/vite-plugin-retryable-imports.ts): any other relative path to a built file is one.
const RELATIVE_PATH = /["'`](\.{1,2}\/[^"'`\s]+\.js)["'`]/g;

function importsOf(file: string, pattern: RegExp): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(pattern)].map((m) => resolve(dirname(file), m[1]!));
}

/** The file and every file it imports statically, transitively. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file, STATIC_IMPORT)) visit(next);
  };
  visit(entry);
  return seen;
}

function dynamicTargets(files: Iterable<string>): string[] {
  const targets = [...files].flatMap((file) => {
    const statics = new Set(importsOf(file, STATIC_IMPORT));
    return importsOf(file, RELATIVE_PATH).filter((path) => !statics.has(path) && existsSync(path));
  });
  return [...new Set(targets)];
}

/** Files a chunk locates beside itself: `new URL('x', import.meta.url)` (the effect's assets). */
const ASSET_URL = /new URL\(\s*["'`]((?:\.\/)?[\w.-]+)["'`]\s*,\s*import\.meta\.url/g;

function measure(name: BundleName, files: Set<string>, root: string): BundleSize {
  const code = Buffer.concat([...files].map((file) => readFileSync(file)));
  // Compressed file by file: that is how they travel.
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const content = readFileSync(file);
    gzip += gzipSync(content, { level: 9 }).length;
    // Quality 11, but 9 above 1 MB: 11 took a minute and a half here on the background effect's
    // 13 MB of WebAssembly, and `npm run test:size` runs in `npm test`.
    const quality = content.length > 1_000_000 ? 9 : 11;
    brotli += brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: quality },
    }).length;
  }
  return {
    name,
    files: [...files].map((file) => relative(root, file)).sort(),
    raw: code.length,
    gzip,
    brotli,
  };
}

/**
 * Sizes of the loader, the panel (the embed module and what it imports statically), the media
 * chunk (what the panel imports dynamically, with its own static imports) and the DTMF client
 * (what the media chunk imports dynamically), found by following the imports of the built files,
 * so chunk names and hashes do not matter.
 */
export function measureBundles(widgetDir = 'dist/widget'): BundleSize[] {
  const root = resolve(widgetDir);
  const loader = join(root, 'connect-video.js');
  const embed = join(root, 'connect-video-embed.js');
  for (const file of [loader, embed]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first.`);
  }
  const panel = staticClosure(embed);
  const without = (files: Set<string>, ...loaded: Set<string>[]) =>
    new Set([...files].filter((file) => !loaded.some((set) => set.has(file))));
  // The panel's strings for other languages load one per page, only for that language: each
  // locale chunk is its own step, not part of the call's media chunk.
  const isLocale = (file: string) =>
    /^[a-z]{2}-[A-Z]{2}-[\w-]+\.js$/.test(file.split('/').pop() ?? '');
  // The chat chunk (src/embed/chat-chunk.ts, with amazon-connect-chatjs) is its own step.
  const isChat = (file: string) => /^chat-chunk-[\w-]+\.js$/.test(file.split('/').pop() ?? '');
  const panelTargets = dynamicTargets(panel);
  const chat = without(
    new Set(panelTargets.filter(isChat).flatMap((file) => [...staticClosure(file)])),
    panel,
  );
  const media = without(
    new Set(
      panelTargets
        .filter((file) => !isLocale(file) && !isChat(file))
        .flatMap((file) => [...staticClosure(file)]),
    ),
    panel,
  );
  const languages = panelTargets
    .filter(isLocale)
    .map((file) => without(staticClosure(file), panel, media));
  const mediaTargets = dynamicTargets(media);
  const isBackground = (file: string) => /^background-module-/.test(file.split('/').pop() ?? '');
  const dtmf = without(
    new Set(mediaTargets.filter((f) => !isBackground(f)).flatMap((f) => [...staticClosure(f)])),
    panel,
    media,
  );
  const backgroundCode = without(
    new Set(mediaTargets.filter(isBackground).flatMap((f) => [...staticClosure(f)])),
    panel,
    media,
  );
  const background = new Set([
    ...backgroundCode,
    ...[...backgroundCode].flatMap((file) => importsOf(file, ASSET_URL)),
  ]);
  return [
    measure('loader', new Set([loader]), root),
    measure('panel', panel, root),
    measure('media', media, root),
    measure('dtmf', dtmf, root),
    measure('background', background, root),
    measure('chat', chat, root),
    ...languages
      .map((files) => measure('language', files, root))
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 1),
  ];
}

export const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`;
