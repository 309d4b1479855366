// Copies what the pages need from node_modules into build/static and makes the
// right-to-left build of the styles. Run by `npm run build` after the Sass step.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import rtlcss from "rtlcss";

const out = "build/static";
mkdirSync(`${out}/js`, { recursive: true });
mkdirSync(`${out}/fonts`, { recursive: true });

copyFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/js/govuk-frontend.min.js`);

// Urdu and Bengali script fonts, self-hosted; only pages in those languages link them.
const fonts = [
  ["noto-naskh-arabic", "noto-naskh-arabic-arabic"],
  ["noto-sans-bengali", "noto-sans-bengali-bengali"],
];
for (const [pkg, stem] of fonts) {
  for (const weight of ["400", "700"]) {
    const file = `${stem}-${weight}-normal.woff2`;
    copyFileSync(`node_modules/@fontsource/${pkg}/files/${file}`, `${out}/fonts/${file}`);
  }
}

// One stylesheet, mirrored by a tool rather than kept by hand for right-to-left languages.
const css = readFileSync(`${out}/css/main.css`, "utf8");
writeFileSync(`${out}/css/main.rtl.css`, rtlcss.process(css));
