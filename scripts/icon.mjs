// Renders docs/icon/icon.svg to docs/icon/icon.png (128 × 128, transparent corners) with
// Chromium, as the marketplace and the Extensions view show it:
//   node scripts/icon.mjs
// (The PNG is committed; run this after changing the SVG.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const chrome = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
const browser = await chromium.launch({ executablePath: chrome });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  const svg = readFileSync(fileURLToPath(import.meta.resolve('../docs/icon/icon.svg')), 'utf8');
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: 'docs/icon/icon.png', omitBackground: true });
} finally {
  await browser.close();
}
console.log('wrote docs/icon/icon.png');
