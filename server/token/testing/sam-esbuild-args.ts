/**
 * The esbuild command line that `sam build` runs for a function with `BuildMethod: esbuild`, from
 * its `BuildProperties`, following aws-lambda-builders (workflows/nodejs_npm_esbuild/esbuild.py,
 * EsbuildCommandBuilder) and SAM CLI (ResourceMetadataNormalizer.normalize_build_properties):
 * PascalCase keys become snake_case then kebab-case flags; `true` is `--flag`, `false` nothing, a
 * string `--flag=value`, a list `--flag:item` per item; `bundle`, `platform` and `outdir` are
 * SAM's own (`--bundle --platform=node --outdir=…`); `target`, `format` and `minify` default to
 * es2020, cjs and on. Entry points are relative to the CodeUri directory.
 */
export function samEsbuildArgs(buildProperties: Record<string, unknown>, outdir: string): string[] {
  const props = new Map(
    Object.entries(buildProperties).map(([key, value]) => [
      key.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase(),
      value,
    ]),
  );
  const entryPoints = props.get('entry_points');
  if (!Array.isArray(entryPoints) || entryPoints.length === 0) {
    throw new Error('SAM needs EntryPoints as a non-empty list');
  }
  const args = [...(entryPoints as string[])];
  args.push('--bundle', '--platform=node', `--outdir=${outdir}`);
  if (!props.has('target')) args.push('--target=es2020');
  if (!props.has('format')) args.push('--format=cjs');
  if (!props.has('minify')) args.push('--minify');
  for (const [key, value] of props) {
    if (['bundle', 'platform', 'outdir', 'use_npm_ci', 'entry_points'].includes(key)) continue;
    const flag = `--${key.replaceAll('_', '-')}`;
    if (typeof value === 'boolean') {
      if (value) args.push(flag);
    } else if (typeof value === 'string') {
      args.push(`${flag}=${value}`);
    } else if (Array.isArray(value)) {
      for (const item of value) args.push(`${flag}:${String(item)}`);
    } else {
      // SAM refuses numbers and maps too ("Failed to determine the type of the configuration").
      throw new Error(`SAM cannot pass ${key}=${JSON.stringify(value)} to esbuild`);
    }
  }
  return args;
}
