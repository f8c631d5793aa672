/**
 * The `exports.default` of one of the SDK's CommonJS modules, whichever interop the importer gets:
 * Node and Rolldown give `module.exports` as the default import of a CommonJS module from an ES
 * module (so the class is one `.default` further), other bundlers honour `__esModule` and give the
 * class itself.
 */
export function sdkExport<T>(module: { default: T }): T {
  const value = module.default as T & { default?: T };
  return value.default ?? value;
}
