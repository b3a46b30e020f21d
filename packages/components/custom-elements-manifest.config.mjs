// The custom elements manifest is made from the JSDoc of the element classes (their public API).
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/shared/define-element.ts'],
  outdir: '.',
  litelement: true,
};
