import MagicString from 'magic-string';
import { posix } from 'node:path';
import type { Plugin } from 'vite';

/** The helper's name in each chunk that has dynamic imports (the minifier shortens it). */
export const HELPER = 'connectVideoImport';

/**
 * Prepended to every chunk with dynamic imports. An import that failed is made again under a fresh
 * URL (`?retry=<time>`); one that loaded keeps the URL it loaded with, so no chunk is evaluated
 * twice. The time, not a counter: a response of an earlier visit (one without CORS headers, say)
 * may still sit in the HTTP cache under `?retry=1`.
 */
export const HELPER_SOURCE = `const ${HELPER} = (specifier) =>
  import(specifier + (${HELPER}[specifier] ?? "")).catch((error) => {
    ${HELPER}[specifier] = "?retry=" + Date.now();
    throw error;
  });
`;

/**
 * Rewrites `import("<specifier>")` of each chunk this chunk imports dynamically (Rolldown's own
 * relative specifiers, as rendered before minification) into a call of the helper. Throws when one
 * is missing, so that a change in how the bundler renders them cannot silently undo the retry.
 */
export function retryableImportsCode(
  code: string,
  fileName: string,
  dynamicImports: readonly string[],
): MagicString | undefined {
  if (dynamicImports.length === 0) return undefined;
  if (code.includes(HELPER)) throw new Error(`${fileName} already uses the name ${HELPER}`);
  const magic = new MagicString(code);
  for (const target of dynamicImports) {
    const path = posix.relative(posix.dirname(fileName), target);
    const specifier = path.startsWith('.') ? path : `./${path}`;
    const quoted = specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`\\bimport\\(\\s*(["'\`])${quoted}\\1\\s*\\)`, 'g');
    const matches = [...code.matchAll(pattern)];
    if (matches.length === 0) throw new Error(`${fileName}: no import() of ${specifier} found`);
    for (const match of matches)
      magic.overwrite(
        match.index,
        match.index + match[0].length,
        `${HELPER}(${JSON.stringify(specifier)})`,
      );
  }
  return magic.prepend(HELPER_SOURCE);
}

/**
 * Browsers keep a failed `import()` in the page's module map: importing the same URL again fails at
 * once, without a request, for as long as the page lives (HTML's "fetch a single module script",
 * https://github.com/whatwg/html/issues/6768). whatwg/html#10327 changed that, but browsers have
 * not shipped it yet (Chromium 150 still fails at once: https://issues.chromium.org/issues/534781954).
 * So in the script-tag build every dynamic import of one of our chunks (the media chunk, a language,
 * the DTMF client) goes through a helper that imports a chunk whose import failed under a fresh
 * URL: a customer who was offline for a moment, or whose CDN answered badly, can try again without
 * reloading the page. The npm build is left alone: the app's bundler loads those chunks.
 *
 * Static imports are not rewritten: a chunk whose static dependency failed stays failed until the
 * page reloads (it did not happen in the tests: the media chunk's only static dependency is part of
 * the panel, already loaded).
 */
export function retryableImports(): Plugin {
  return {
    name: 'connect-video:retryable-imports',
    renderChunk(code, chunk) {
      const magic = retryableImportsCode(code, chunk.fileName, chunk.dynamicImports);
      if (!magic) return null;
      return { code: magic.toString(), map: magic.generateMap({ hires: 'boundary' }) };
    },
  };
}
