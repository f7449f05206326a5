// `make assets`: rebuild the vendored front-end files from the pinned npm packages.
//
// A delegate on rural 3G pays for every byte of the first page, so the portal ships
//   1. static/vendor/icons/sprite.svg — only the Bootstrap Icons the code uses, as <symbol>s
//      (the whole icon font + its CSS was 216 KB of the old 578 KB first load);
//   2. static/vendor/bootstrap/css/bootstrap.portal.min.css — Bootstrap's CSS purged against the
//      templates, the Python sources and Bootstrap's own JS, plus kept-selectors.json beside it so
//      tests/core/test_assets.py can check, without node, that no used class was purged;
//   3. htmx and the Bootstrap bundle copied as the packages ship them (already minified);
//   4. the date picker (vanillajs-datepicker, MIT, with its Vietnamese locale), copied likewise
//      and loaded only by pages that have a date field.
// The outputs are committed, so `make run` and `make test` never need node.
// Runs offline after `npm ci`; fails loudly (file name included) on an unknown icon.

import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { PurgeCSS } from "purgecss";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NODE_MODULES = path.join(ROOT, "node_modules");
const STATIC = path.join(ROOT, "static", "vendor");

// Folders that hold no page code (tests may register throw-away icons such as "search").
// tests/core/test_assets.py walks the same tree with the same exclusions.
const SKIP_DIRS = new Set([
  ".git",
  ".venv",
  "venv",
  "node_modules",
  "var",
  "staticfiles",
  "static",
  "locale",
  "tests",
  "bench",
  "scripts",
  "__pycache__",
]);

// Icons that reach templates only through a variable the regexes cannot follow: councils'
// navigation is a table of (label, url name, icon) tuples. test_assets.py checks every
// registered NavItem and follow-up kind at run time and names this list when one is missing.
const RUNTIME_ICONS = ["people", "calendar3", "geo-alt", "diagram-3", "person-badge", "building", "flag"];

// Classes Bootstrap's JS adds at run time (modal, offcanvas, collapse, dropdown, toast, tooltip,
// carousel, form validation); the JS is also purge content, this list is the belt to its braces.
const RUNTIME_CLASSES = [
  "show",
  "showing",
  "hiding",
  "fade",
  "collapse",
  "collapsing",
  "collapse-horizontal",
  "active",
  "disabled",
  "modal-open",
  "modal-backdrop",
  "modal-static",
  "offcanvas-backdrop",
  "dropdown-menu-end",
  "dropdown-menu-start",
  "dropup",
  "dropend",
  "dropstart",
  "was-validated",
  "is-valid",
  "is-invalid",
  "valid-feedback",
  "invalid-feedback",
  "htmx-request",
  "htmx-indicator",
];

// Classes templates build from variables (grep `{{` inside class attributes): the message
// alert (`alert-{{ message.tags }}`) and, for pages other branches add, the usual
// `text-bg-{{ status }}` / `btn-{{ style }}` / `bg-…` / `badge` patterns over the theme colours.
const THEME = "(primary|secondary|success|danger|warning|info|light|dark)";
const SAFELIST_PATTERNS = [
  new RegExp(`^(alert|text-bg|btn|btn-outline|bg|text|border|link)-${THEME}$`),
  /^alert-(dismissible|link|heading)$/,
  /^badge$/,
];

const DJANGO_WIDGET_MARKUP = [
  "text number email url password hidden date datetime-local time file checkbox radio search tel",
  "color range",
]
  .join(" ")
  .split(" ")
  .map((type) => `<input type="${type}">`)
  .concat(["<select multiple></select>", "<textarea></textarea>", "<fieldset><legend></legend></fieldset>"])
  .join("\n");

async function* walk(dir) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".")) {
        yield* walk(path.join(dir, entry.name));
      }
    } else {
      yield path.join(dir, entry.name);
    }
  }
}

async function sourceFiles() {
  const templates = [];
  const python = [];
  for await (const file of walk(ROOT)) {
    const rel = path.relative(ROOT, file);
    if (file.endsWith(".html") && rel.split(path.sep).includes("templates")) templates.push(file);
    else if (file.endsWith(".py") && !rel.split(path.sep).includes("migrations")) python.push(file);
  }
  return { templates: templates.sort(), python: python.sort() };
}

// The same three patterns live in tests/core/test_assets.py (ICON_PATTERNS).
const TEMPLATE_ICON = [
  /class="[^"]*\bbi-([a-z0-9-]+)/g, // <i class="bi bi-NAME"> (not yet converted)
  /\{%\s*icon\s+"([a-z0-9-]+)"/g, // {% icon "NAME" … %}
  /class="[^"]*\bbi-([a-z0-9-]+\{% if [^%]*%\}[a-z0-9-]+)\{% endif %\}/g, // bi-bell{% if x %}-fill{% endif %}
];
const PYTHON_ICON = [
  /\bicon\s*(?::\s*[\w| ]+)?=\s*"([a-z0-9-]+)"/g, // icon="NAME", icon: str = "NAME"
  /\bicon\s+or\s+"([a-z0-9-]+)"/g, // icon or "NAME"
];

async function collectIcons({ templates, python }) {
  const used = new Map(); // name -> first file that uses it
  const note = (name, file) => used.has(name) || used.set(name, file);
  for (const [files, patterns] of [
    [templates, TEMPLATE_ICON],
    [python, PYTHON_ICON],
  ]) {
    for (const file of files) {
      const text = await fs.readFile(file, "utf8");
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) {
          note(match[1].replace(/\{%[^%]*%\}/, ""), path.relative(ROOT, file));
        }
      }
    }
  }
  for (const name of RUNTIME_ICONS) note(name, "scripts/build-assets.mjs (RUNTIME_ICONS)");
  return used;
}

async function buildSprite(used) {
  const iconsDir = path.join(NODE_MODULES, "bootstrap-icons", "icons");
  const missing = [];
  const symbols = [];
  for (const name of [...used.keys()].sort()) {
    let svg;
    try {
      svg = await fs.readFile(path.join(iconsDir, `${name}.svg`), "utf8");
    } catch {
      missing.push(`  "${name}" in ${used.get(name)}`);
      continue;
    }
    const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? "0 0 16 16";
    const body = svg
      .slice(svg.indexOf(">") + 1, svg.lastIndexOf("</svg>"))
      .replace(/\s*\n\s*/g, "")
      .trim();
    symbols.push(`<symbol id="${name}" viewBox="${viewBox}">${body}</symbol>`);
  }
  if (missing.length) {
    throw new Error(
      `These icons do not exist in bootstrap-icons (see https://icons.getbootstrap.com/):\n${missing.join("\n")}`,
    );
  }
  const version = JSON.parse(
    await fs.readFile(path.join(NODE_MODULES, "bootstrap-icons", "package.json"), "utf8"),
  ).version;
  const outDir = path.join(STATIC, "icons");
  await fs.mkdir(outDir, { recursive: true });
  const sprite =
    `<svg xmlns="http://www.w3.org/2000/svg">` +
    `<!-- Bootstrap Icons v${version} (MIT, see LICENSE); built by scripts/build-assets.mjs -->\n` +
    symbols.join("\n") +
    "\n</svg>\n";
  await fs.writeFile(path.join(outDir, "sprite.svg"), sprite);
  await fs.copyFile(path.join(NODE_MODULES, "bootstrap-icons", "LICENSE"), path.join(outDir, "LICENSE"));
  return { count: symbols.length, bytes: Buffer.byteLength(sprite) };
}

// The class sets of a stylesheet's selectors, one Set per selector (attribute values dropped).
function selectorsOf(css) {
  const selectors = [];
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
  // Selectors are what precedes a `{`; declarations (with their decimals such as `.5rem`) follow it.
  for (const match of withoutComments.matchAll(/([^{}]+)\{/g)) {
    const list = match[1].replace(/\[[^\]]*\]/g, "");
    if (list.trimStart().startsWith("@")) continue;
    for (const selector of list.split(/,(?![^(]*\))/)) {
      const classes = new Set([...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]));
      if (classes.size) selectors.push(classes);
    }
  }
  return selectors;
}

// Classes Bootstrap would keep if a template started using them now: a selector holds the class
// and otherwise only classes already kept. (`.icon-link>.bi` does not make `bi` one: the portal
// uses `bi` for its icons, not `icon-link`.) The assets test fails when a template uses one.
function keepableClasses(fullCss, kept) {
  const keepable = new Set();
  for (const classes of selectorsOf(fullCss)) {
    const missing = [...classes].filter((name) => !kept.has(name));
    if (missing.length === 1) keepable.add(missing[0]);
  }
  for (const name of kept) keepable.add(name);
  return keepable;
}

async function buildCss({ templates, python }) {
  const dist = path.join(NODE_MODULES, "bootstrap", "dist");
  const fullCss = await fs.readFile(path.join(dist, "css", "bootstrap.min.css"), "utf8");
  const bundleJs = await fs.readFile(path.join(dist, "js", "bootstrap.bundle.js"), "utf8");
  const [result] = await new PurgeCSS().purge({
    content: [
      ...templates,
      ...python,
      { raw: bundleJs, extension: "js" },
      // Django renders form widgets from its own templates (`type="{{ widget.type }}"`): name the
      // input types so `.form-check-input[type=radio]` and friends survive.
      { raw: DJANGO_WIDGET_MARKUP, extension: "html" },
    ],
    css: [{ raw: fullCss }],
    safelist: { standard: [...RUNTIME_CLASSES, ...SAFELIST_PATTERNS] },
    keyframes: true,
    // Set by Bootstrap's JS (`data-bs-popper="static"` on navbar dropdowns) and Popper, never in markup.
    dynamicAttributes: ["data-bs-popper", "data-popper-placement"],
  });
  // Keep the licence banner; drop the source-map comment (the map describes the full file, and
  // Django's manifest storage would insist on finding it).
  const banner = fullCss.slice(fullCss.indexOf("/*!"), fullCss.indexOf("*/") + 2);
  const purged = result.css
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, "")
    .replace(/\/\*![\s\S]*?\*\//, "")
    .trim();
  const css = `@charset "UTF-8";${banner}\n${purged.replace(/^@charset "UTF-8";/, "")}\n`;
  const outDir = path.join(STATIC, "bootstrap", "css");
  await fs.mkdir(outDir, { recursive: true });
  await fs.writeFile(path.join(outDir, "bootstrap.portal.min.css"), css);

  const version = JSON.parse(await fs.readFile(path.join(NODE_MODULES, "bootstrap", "package.json"), "utf8")).version;
  const manifest = {
    comment:
      "Written by scripts/build-assets.mjs; read by tests/core/test_assets.py. kept: classes in " +
      "bootstrap.portal.min.css; keepable: classes a rebuild would add if the code used them.",
    bootstrap: version,
    kept: [],
    keepable: [],
  };
  const kept = new Set(selectorsOf(css).flatMap((classes) => [...classes]));
  manifest.kept = [...kept].sort();
  manifest.keepable = [...keepableClasses(fullCss, kept)].filter((name) => !kept.has(name)).sort();
  await fs.writeFile(
    path.join(STATIC, "bootstrap", "kept-selectors.json"),
    JSON.stringify(manifest, null, 0).replace(/\],/g, "],\n") + "\n",
  );
  return { before: Buffer.byteLength(fullCss), after: Buffer.byteLength(css), kept: manifest.kept.length };
}

async function copyVendored() {
  const copies = [
    ["bootstrap/dist/js/bootstrap.bundle.min.js", "bootstrap/js/bootstrap.bundle.min.js"],
    ["bootstrap/dist/js/bootstrap.bundle.min.js.map", "bootstrap/js/bootstrap.bundle.min.js.map"],
    ["bootstrap/LICENSE", "bootstrap/LICENSE"],
    ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
    ["htmx.org/LICENSE", "htmx/LICENSE"],
    ["bootstrap-icons/LICENSE", "bootstrap-icons/LICENSE"],
    // The dd/mm/yyyy date picker: loaded by static/js/portal.js only on pages with a date field.
    ["vanillajs-datepicker/dist/js/datepicker.min.js", "datepicker/datepicker.min.js"],
    ["vanillajs-datepicker/dist/js/locales/vi.js", "datepicker/locales/vi.js"],
    ["vanillajs-datepicker/dist/css/datepicker-bs5.min.css", "datepicker/datepicker-bs5.min.css"],
    ["vanillajs-datepicker/LICENSE", "datepicker/LICENSE"],
  ];
  for (const [from, to] of copies) {
    await fs.mkdir(path.dirname(path.join(STATIC, to)), { recursive: true });
    await fs.copyFile(path.join(NODE_MODULES, from), path.join(STATIC, to));
  }
}

const files = await sourceFiles();
const icons = await collectIcons(files);
const sprite = await buildSprite(icons);
const css = await buildCss(files);
await copyVendored();
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`sprite.svg: ${sprite.count} icons, ${kb(sprite.bytes)}`);
console.log(`bootstrap.portal.min.css: ${kb(css.before)} -> ${kb(css.after)} (${css.kept} classes kept)`);
