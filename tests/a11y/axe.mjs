// Runs axe-core (WCAG 2.1 A and AA rules) on one HTML file in Debian's Chromium and exits
// non-zero when anything is violated, printing every violation with the elements it concerns.
// Usage: node tests/a11y/axe.mjs FILE.html   (Chromium from KVALITET_CHROMIUM or /usr/bin/chromium)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const file = process.argv[2];
if (!file) {
  console.error('användning: node axe.mjs RAPPORT.html');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const executablePath = process.env.KVALITET_CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
let failed = false;
try {
  // Both the screen and the print rendering must pass (contrast, hidden content).
  for (const media of ['screen', 'print']) {
    const page = await browser.newPage();
    await page.emulateMedia({ media });
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      }),
    );
    for (const v of result.violations) {
      failed = true;
      console.log(`[${media}] ${v.id} (${v.impact}): ${v.help}`);
      for (const n of v.nodes.slice(0, 10)) {
        console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
      }
      if (v.nodes.length > 10) console.log(`    … och ${v.nodes.length - 10} till`);
    }
    console.log(`[${media}] ${result.passes?.length ?? 0} regler utan fel, ${result.violations.length} med fel`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
