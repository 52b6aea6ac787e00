// @ts-check
/**
 * Packs the app as an unpacked Linux directory with electron-builder and checks what shipped:
 * app.asar holds the build output and production modules only, the tray icons are in
 * resources/tray, and the Electron fuses were flipped as electron-builder.yml asks.
 *
 * No Electron binary can be downloaded here, so electron-builder gets a stub `electronDist`: an
 * `electron` file carrying the fuse wire sentinel that @electron/fuses looks for. That lets the
 * real config run unmodified (fuses included) and lets us read the flipped fuses back.
 *
 * Usage: node scripts/pack-dir.mjs [--project <dir>] [--keep]   (npm run pack:dir builds first)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REQUIRED_IN_ASAR = [
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'package.json',
];
/** Top-level folders of the repository that must never be packaged. */
const FORBIDDEN_ROOTS = ['src', 'test', 'scripts'];
/** Always dev-only, even if package.json moves them around; plus every devDependency. */
const DEV_ONLY = [
  'vitest',
  'playwright',
  'playwright-core',
  '@playwright/test',
  'typescript',
  'electron-builder',
  'app-builder-lib',
  'node-pty',
];
const TYPESCRIPT_SOURCE = /\.(ts|tsx|mts|cts)$/;
const TYPESCRIPT_DECLARATION = /\.d\.(ts|mts|cts)$/;
const TRAY_ICONS = ['idle', 'active', 'attention'].flatMap((s) => [
  `tray-${s}.png`,
  `tray-${s}@2x.png`,
]);
/** Must match electronFuses in electron-builder.yml: the hardening this app promises. */
const REQUIRED_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
};

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;
const FUSE_ENABLE = 0x31; // ASCII '1'
const FUSE_DISABLE = 0x30; // ASCII '0'
/** Fuse states a stock Electron ships with (FuseV1Options order), so a pass proves the flip. */
const STOCK_FUSES = [true, false, true, true, false, false, false, true];

/**
 * A stub executable that has the layout @electron/fuses edits: sentinel, version, length, wire.
 * @returns {Buffer}
 */
function stubElectronBinary() {
  const wire = STOCK_FUSES.map((on) => (on ? FUSE_ENABLE : FUSE_DISABLE));
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub Electron for pack-dir; not runnable" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([FUSE_WIRE_VERSION, wire.length, ...wire]),
  ]);
}

/**
 * The npm package a path inside node_modules belongs to (innermost node_modules wins).
 * @param {string[]} segments
 * @returns {string | null}
 */
function packageOf(segments) {
  const at = segments.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= segments.length) return null;
  const name = segments[at + 1] ?? '';
  return name.startsWith('@') ? `${name}/${segments[at + 2] ?? ''}` : name;
}

/**
 * @param {readonly string[]} files Paths in app.asar, relative and '/'-separated.
 * @returns {string[]} Problems.
 */
function missingFromAsar(files) {
  const present = new Set(files);
  return REQUIRED_IN_ASAR.filter((file) => !present.has(file)).map((file) => `missing ${file}`);
}

/**
 * Finds shipped files that belong to development only.
 * @param {readonly string[]} files Paths in app.asar (and app.asar.unpacked), '/'-separated.
 * @param {ReadonlySet<string>} devOnly Package names that must not ship.
 * @returns {string[]} Problems.
 */
function forbiddenInAsar(files, devOnly) {
  /** @type {string[]} */
  const problems = [];
  /** @type {Set<string>} */
  const devPackages = new Set();
  for (const file of files) {
    const segments = file.split('/');
    const pkg = packageOf(segments);
    if (FORBIDDEN_ROOTS.includes(segments[0] ?? ''))
      problems.push(`source folder shipped: ${file}`);
    if (file.endsWith('.map')) problems.push(`source map shipped: ${file}`);
    // Packages may carry .d.ts files; anything else TypeScript is our source leaking in.
    const declarationInPackage = pkg !== null && TYPESCRIPT_DECLARATION.test(file);
    if (TYPESCRIPT_SOURCE.test(file) && !declarationInPackage)
      problems.push(`TypeScript shipped: ${file}`);
    if (pkg !== null && devOnly.has(pkg)) devPackages.add(pkg);
  }
  for (const pkg of devPackages) problems.push(`dev-only package shipped: node_modules/${pkg}`);
  return problems;
}

/**
 * Finds `dependencies` that Node's resolution would not find inside the archive. electron-builder
 * only warns when its dependency walk goes wrong, and the app would then die at startup.
 * @param {readonly string[]} files Paths in app.asar, '/'-separated.
 * @param {(path: string) => { dependencies?: Record<string, string> }} readManifest
 * @returns {string[]} Problems.
 */
function unresolvedDependencies(files, readManifest) {
  const present = new Set(files);
  const manifests = files.filter(
    (f) => f === 'package.json' || /node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(f),
  );
  return manifests.flatMap((manifest) => {
    const dir = manifest.slice(0, -'package.json'.length);
    return Object.keys(readManifest(manifest).dependencies ?? {}).flatMap((dep) => {
      // Walk up from the package's folder through every enclosing node_modules, as Node does.
      const candidates = [];
      for (let base = dir; ;) {
        candidates.push(`${base}node_modules/${dep}/package.json`);
        const up = base.lastIndexOf('node_modules/', base.length - 2);
        if (up < 0) break;
        base = base.slice(0, up);
      }
      return candidates.some((c) => present.has(c))
        ? []
        : [`${manifest} needs ${dep}, not packaged`];
    });
  });
}

/**
 * Every file under a directory, relative and '/'-separated.
 * @param {string} dir
 * @returns {string[]}
 */
function listTree(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .replaceAll('\\', '/'),
    );
}

/** @param {string} project */
function loadTools(project) {
  // Use the exact @electron/asar and @electron/fuses that electron-builder itself runs with.
  const fromProject = createRequire(join(project, 'package.json'));
  const fromBuilder = createRequire(fromProject.resolve('app-builder-lib/package.json'));
  return {
    builderCli: fromProject.resolve('electron-builder/cli.js'),
    electronVersion: /** @type {{ version: string }} */ (fromProject('electron/package.json'))
      .version,
    /** @type {typeof import('@electron/asar')} */
    asar: fromBuilder('@electron/asar'),
    /** @type {typeof import('@electron/fuses')} */
    fuses: fromBuilder('@electron/fuses'),
  };
}

/**
 * @param {string} binary
 * @param {ReturnType<typeof loadTools>['fuses']} fuses
 * @returns {Promise<string[]>}
 */
async function checkFuses(binary, fuses) {
  const wire = await fuses.getCurrentFuseWire(binary);
  const wireByIndex = /** @type {Record<string, number | undefined>} */ (
    /** @type {unknown} */ (wire)
  );
  return Object.entries(REQUIRED_FUSES).flatMap(([name, want]) => {
    const index = fuses.FuseV1Options[/** @type {keyof typeof REQUIRED_FUSES} */ (name)];
    const state = wireByIndex[String(index)];
    const expected = want ? FUSE_ENABLE : FUSE_DISABLE;
    const shown = state === FUSE_ENABLE ? 'on' : state === FUSE_DISABLE ? 'off' : String(state);
    return state === expected ? [] : [`fuse ${name} is ${shown}, expected ${want ? 'on' : 'off'}`];
  });
}

/**
 * Runs electron-builder's Linux `dir` target against a stub Electron in `work`.
 * @param {string} project
 * @param {ReturnType<typeof loadTools>} tools
 * @param {string} work Scratch folder.
 * @returns {Promise<string | null>} The unpacked app folder, or null if the build failed.
 */
async function buildUnpacked(project, tools, work) {
  const stub = join(work, 'electron-dist');
  await mkdir(join(stub, 'resources'), { recursive: true });
  await writeFile(join(stub, 'electron'), stubElectronBinary());
  await chmod(join(stub, 'electron'), 0o755);
  const output = join(work, 'dist');
  const args = [
    tools.builderCli,
    ...['--linux', 'dir', '--config', 'electron-builder.yml', '--publish', 'never'],
    `-c.electronDist=${stub}`,
    `-c.electronVersion=${tools.electronVersion}`,
    `-c.directories.output=${output}`,
    // This checks packaging, not native builds: a rebuild would fetch Electron headers online.
    '-c.npmRebuild=false',
  ];
  const build = spawnSync(process.execPath, args, {
    cwd: project,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (build.status !== 0) {
    console.error(`pack-dir: electron-builder failed (exit ${String(build.status)})`);
    return null;
  }
  return join(output, 'linux-unpacked');
}

/**
 * Checks the unpacked app and prints what it holds.
 * @param {string} appDir
 * @param {ReturnType<typeof loadTools>} tools
 * @param {ReadonlySet<string>} devOnly
 * @returns {Promise<string[]>} Problems.
 */
async function inspect(appDir, tools, devOnly) {
  const resources = join(appDir, 'resources');
  const asarPath = join(resources, 'app.asar');
  const executable = join(appDir, 'jobshell');
  /** @type {string[]} */
  const problems = [];
  const files = existsSync(asarPath)
    ? tools.asar
        .listPackage(asarPath, { isPack: false })
        .map((p) => p.replaceAll('\\', '/').replace(/^\//, ''))
    : [];
  if (files.length === 0) problems.push('resources/app.asar missing or empty');
  const unpacked = listTree(join(resources, 'app.asar.unpacked'));
  const tray = listTree(join(resources, 'tray'));
  problems.push(
    ...missingFromAsar(files),
    ...forbiddenInAsar([...files, ...unpacked], devOnly),
    ...unresolvedDependencies(files, (path) =>
      JSON.parse(tools.asar.extractFile(asarPath, path).toString('utf8')),
    ),
    ...TRAY_ICONS.filter((icon) => !tray.includes(icon)).map((i) => `resources/tray/${i} missing`),
    ...tray.filter((f) => !f.endsWith('.png')).map((f) => `non-PNG in resources/tray: ${f}`),
  );
  if (existsSync(executable)) problems.push(...(await checkFuses(executable, tools.fuses)));
  else problems.push('executable linux-unpacked/jobshell missing');

  const modules = new Set(files.map((f) => packageOf(f.split('/'))).filter((p) => p !== null));
  const folders = new Set(files.map((f) => f.slice(0, Math.max(0, f.lastIndexOf('/')))));
  const appFiles = files.filter((f) => !f.startsWith('node_modules') && !folders.has(f));
  console.log(
    [
      `pack-dir: app.asar has ${files.length} entries, ${modules.size} packages in node_modules`,
      `  app files: ${appFiles.join(', ')}`,
      `  app.asar.unpacked: ${unpacked.length} files; resources/tray: ${tray.length} icons`,
      `  fuses checked: ${Object.keys(REQUIRED_FUSES).join(', ')}`,
    ].join('\n'),
  );
  return problems;
}

async function main() {
  const { values } = parseArgs({
    options: { project: { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const project = resolve(values.project ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const missing = REQUIRED_IN_ASAR.filter((file) => !existsSync(join(project, file)));
  if (missing.length > 0) {
    console.error(`pack-dir: build output missing (${missing.join(', ')}); run \`npm run build\`.`);
    process.exit(1);
  }
  const tools = loadTools(project);
  const pkg = /** @type {{ devDependencies?: Record<string, string> }} */ (
    JSON.parse(await readFile(join(project, 'package.json'), 'utf8'))
  );
  const devOnly = new Set([...DEV_ONLY, ...Object.keys(pkg.devDependencies ?? {})]);

  const work = await mkdtemp(join(tmpdir(), 'jobshell-pack-dir-'));
  try {
    const appDir = await buildUnpacked(project, tools, work);
    const problems =
      appDir === null ? ['electron-builder failed'] : await inspect(appDir, tools, devOnly);
    if (values.keep && appDir !== null) console.log(`  kept: ${appDir}`);
    if (problems.length > 0) {
      console.error(`pack-dir: FAILED, ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      console.log('pack-dir: OK');
    }
  } finally {
    if (!values.keep) await rm(work, { recursive: true, force: true });
  }
}

await main();
