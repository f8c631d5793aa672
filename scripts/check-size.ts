// `npm run test:size`: the size budgets of the script-tag build (dist/widget), in gzip bytes.
import { BUDGETS, DESCRIPTIONS, kb, measureBundles } from './bundle-sizes';

let failed = false;
for (const bundle of measureBundles()) {
  const budget = BUDGETS[bundle.name];
  const over = budget !== undefined && bundle.gzip > budget;
  failed ||= over;
  console.log(
    `${over ? '✘' : '✓'} ${DESCRIPTIONS[bundle.name].padEnd(32)} ${kb(bundle.gzip).padStart(10)} gzip` +
      `${budget === undefined ? ' (no budget)' : ` / ${kb(budget)}`}  ${bundle.files.join(', ')}`,
  );
}
if (failed) {
  console.error('A bundle is over its size budget (issue 6).');
  process.exit(1);
}
