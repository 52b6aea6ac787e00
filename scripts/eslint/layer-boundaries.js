// @ts-check
/**
 * Path-based layer boundaries (docs/architecture.md §1): every relative import is resolved and
 * both ends are given a layer by folder; an import a layer may not make is an error. Package
 * imports (`electron`, `ws`, `node:*`) are the no-restricted-imports rules' business.
 */
import { dirname, join, normalize, relative } from 'node:path';

/**
 * Layers by folder, most specific first.
 * @type {ReadonlyArray<readonly [string, string]>}
 */
const LAYERS = [
  ['src/main/core/', 'core'],
  ['src/main/node/', 'node'],
  ['src/main/electron/', 'electron'],
  ['src/main/web/', 'web'],
  ['src/main/index.ts', 'electron'],
  ['src/cli/', 'cli'],
  ['src/preload/', 'preload'],
  ['src/renderer/', 'renderer'],
  ['src/shared/', 'shared'],
];

/** Public entry files of the layers others reach only through them. */
/** @type {Readonly<Record<string, string>>} */
const ENTRIES = { core: 'src/main/core/index', node: 'src/main/node/index' };

/**
 * Which layers each layer may import; `entry` means only that layer's index.ts. The node adapters
 * implement the core's ports, so they reach into core; the composition roots use entries only.
 * @type {Readonly<Record<string, Readonly<Record<string, 'all' | 'entry'>>>>}
 */
export const ALLOWED = {
  shared: { shared: 'all' },
  core: { core: 'all', shared: 'all' },
  node: { node: 'all', core: 'all', shared: 'all' },
  electron: { electron: 'all', core: 'entry', node: 'entry', shared: 'all' },
  web: { web: 'all', core: 'entry', node: 'entry', shared: 'all' },
  cli: { cli: 'all', core: 'entry', node: 'entry', shared: 'all' },
  preload: { preload: 'all', shared: 'all' },
  renderer: { renderer: 'all', shared: 'all' },
};

/** @param {string} path repo-relative, forward slashes */
function layerOf(path) {
  for (const [prefix, layer] of LAYERS) {
    if (path.startsWith(prefix) || `${path}/` === prefix || `${path}.ts` === prefix) return layer;
  }
  return null;
}

/** @param {string} path */
function isEntry(path, /** @type {string} */ layer) {
  const entry = ENTRIES[layer];
  if (entry === undefined) return true;
  const bare = path.replace(/\.(?:ts|tsx|js)$/, '');
  return bare === entry || `${bare}/index` === entry;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Layers import only what docs/architecture.md allows them to.' },
    schema: [],
    messages: {
      layer:
        'The {{from}} layer may not import from {{to}} ({{target}}): see docs/architecture.md §1.',
      entry:
        'Import the {{to}} layer through its entry (src/main/{{to}}/index.ts), not {{target}}.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename).split('\\').join('/');
    const from = layerOf(file);
    if (from === null) return {};
    const allowed = ALLOWED[from] ?? {};
    /** @param {any} node */
    const check = (node) => {
      const source = node.source;
      if (source === null || source === undefined || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('.')) return;
      const target = relative(root, normalize(join(dirname(context.filename), spec)))
        .split('\\')
        .join('/');
      // The version number is the one thing outside src/ a layer may read.
      if (target === 'package.json') return;
      const to = layerOf(target);
      if (to === null) {
        context.report({
          node: source,
          messageId: 'layer',
          data: { from, to: 'outside src', target },
        });
        return;
      }
      const permission = allowed[to];
      if (permission === undefined) {
        context.report({ node: source, messageId: 'layer', data: { from, to, target } });
      } else if (permission === 'entry' && !isEntry(target, to)) {
        context.report({ node: source, messageId: 'entry', data: { to, target } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const layerBoundaries = { rules: { 'layer-boundaries': rule } };
