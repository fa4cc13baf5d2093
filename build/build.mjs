// Builds dist/ for Apps Script: Code.js (+ appsscript.json, + the sidebar HTML files).
//
// Apps Script has no modules: it loads every file into one global scope and calls entry points by
// their top-level `function` names, and Sheets reads custom-function help from the JSDoc right
// above those declarations. esbuild drops such comments, so the bundle is an IIFE exposing
// `CustomerTiers`, and a generated footer declares one documented forwarding function per entry
// point: the custom functions with their JSDoc (src/addon/customFunctionDocs.ts), every other
// export of src/addon/main.ts as a plain forwarder.
import * as esbuild from 'esbuild';
import UglifyJS from 'uglify-js';
import { mkdir, readFile, writeFile, copyFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const GLOBAL_NAME = 'CustomerTiers';

async function loadCustomFunctionDocs() {
  // The list is TypeScript; bundle it alone to ESM in memory and import it from a data URL.
  const out = await esbuild.build({
    entryPoints: [path.join(root, 'src/addon/customFunctionDocs.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return mod.CUSTOM_FUNCTIONS;
}

/**
 * A plain forwarder for an export that is not a custom function (a trigger, a menu item, a
 * sidebar call): Apps Script calls it by its top-level name with whatever arguments it has.
 */
export function renderPlainEntryPoint(name) {
  return `function ${name}(){return ${GLOBAL_NAME}.${name}.apply(null,arguments)}`;
}

/** JSDoc + forwarding declaration for one custom function. */
export function renderEntryPoint(ep) {
  const params = (ep.params ?? []).map((p) => p.name);
  // Autocomplete shows the description and @param texts only, so what a function returns goes in
  // the description, and only there (no @return: Code.js is loaded on every custom-function call).
  const description = ep.kind === 'custom' && ep.returns ? `${ep.description}\n${ep.returns}` : ep.description;
  const lines = ['/**', ...description.split('\n').map((l) => ` * ${l}`)];
  for (const p of ep.params ?? []) lines.push(` * @param {${p.type}} ${p.name} ${p.description}`);
  if (ep.kind === 'custom') lines.push(' * @customfunction');
  lines.push(' */');
  lines.push(`function ${ep.name}(${params.join(', ')}) {`);
  lines.push(`  return ${GLOBAL_NAME}.${ep.name}(${params.join(', ')});`);
  lines.push('}');
  return lines.join('\n');
}

/** Every export of src/addon/main.ts, read from a first build's metafile. */
async function mainExports() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/addon/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: 'out',
  });
  return Object.values(result.metafile.outputs).flatMap((o) => o.exports ?? []);
}

async function buildCode(customFunctions) {
  const documented = new Set(customFunctions.map((ep) => ep.name));
  const exported = await mainExports();
  const missing = [...documented].filter((name) => !exported.includes(name));
  if (missing.length) throw new Error(`Custom functions documented but not exported from src/addon/main.ts: ${missing.join(', ')}`);
  const footer = [
    ...customFunctions.map(renderEntryPoint),
    ...exported
      .filter((name) => !documented.has(name))
      .sort()
      .map(renderPlainEntryPoint),
  ].join('\n\n');
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/addon/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'neutral',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  // A second, more thorough minifier over esbuild's output: its compressor rewrites what esbuild's
  // minifier leaves (about 4 KB of Code.js, which loads on every custom-function call). Top-level
  // names stay, and the documented forwarders are appended after it, comments intact.
  const minified = UglifyJS.minify(result.outputFiles[0].text, { compress: { passes: 2 }, mangle: true });
  if (minified.error) throw minified.error;
  const code = `${minified.code}\n${footer}\n`;
  // Apps Script loads every file as a script: any module syntax left would break all of it.
  if (/\brequire\(|^\s*(import|export)\s/m.test(code)) {
    throw new Error('dist/Code.js contains module syntax (import/export/require); Apps Script cannot load it.');
  }
  await writeFile(path.join(dist, 'Code.js'), code);
  return Buffer.byteLength(code, 'utf8');
}

/** Each src/sidebar/<name>.html template gets its <name>.ts (and optional .css) inlined. */
async function buildHtml(name) {
  const dir = path.join(root, 'src/sidebar');
  const templatePath = path.join(dir, `${name}.html`);
  if (!existsSync(templatePath)) return 0;
  const js = await esbuild.build({
    entryPoints: [path.join(dir, `${name}.ts`)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  const cssPath = path.join(dir, `${name}.css`);
  let css = '';
  if (existsSync(cssPath)) {
    const cssOut = await esbuild.build({ entryPoints: [cssPath], bundle: true, minify: true, write: false, logLevel: 'warning' });
    css = cssOut.outputFiles[0].text;
  }
  // A literal "</script" inside the inlined code would end the script element early.
  const script = js.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  const template = await readFile(templatePath, 'utf8');
  const html = template.replace('/*INLINE_CSS*/', () => css).replace('/*INLINE_JS*/', () => script);
  await writeFile(path.join(dist, `${name.charAt(0).toUpperCase()}${name.slice(1)}.html`), html);
  return Buffer.byteLength(html, 'utf8');
}

/** The Node command-line tool lives outside dist/, which clasp pushes whole to Apps Script. */
async function buildCli() {
  const entry = path.join(root, 'src/cli/main.ts');
  if (!existsSync(entry)) return;
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: path.join(root, 'dist-cli/customer-tiers.js'),
    packages: 'external',
    logLevel: 'warning',
  });
}

async function main() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const codeSize = await buildCode(await loadCustomFunctionDocs());
  await copyFile(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  const sizes = [`Code.js ${(codeSize / 1024).toFixed(1)} KB`];
  for (const name of ['sidebar']) {
    const size = await buildHtml(name);
    if (size) sizes.push(`${name} HTML ${(size / 1024).toFixed(1)} KB`);
  }
  console.log(`built dist/: ${sizes.join(', ')}`);
  await buildCli();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}
