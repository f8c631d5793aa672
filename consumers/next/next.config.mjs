/** A static export: the test serves `out/` behind the same proxy as the other apps. */
export default { output: 'export' };
