// axe-core in headless Chromium over HTML files: each page at the default width (1280 px)
// and at 320 px, in the normal and the visually-impaired mode (the #vi switch), plus a
// reflow check (no horizontal scrolling at 320 px). Prints one JSON report to stdout.
// Usage: node axe.js FILE.html...   (CHROMIUM overrides /usr/bin/chromium)
'use strict';
const path = require('path');
const puppeteer = require('puppeteer-core');

const AXE = require.resolve('axe-core/axe.min.js');
const VIEWPORTS = [{ width: 1280, height: 900 }, { width: 320, height: 640 }];

(async () => {
  const files = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--allow-file-access-from-files'],
  });
  const report = [];
  try {
    const page = await browser.newPage();
    // Anything the page tries to load from outside file:// is recorded (and fails the test).
    const external = [];
    page.on('request', (r) => { if (!r.url().startsWith('file://')) external.push(r.url()); });
    for (const file of files) {
      for (const viewport of VIEWPORTS) {
        for (const mode of ['normal', 'vi']) {
          await page.setViewport(viewport);
          external.length = 0;
          await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
          const switchable = await page.$('#vi');
          if (mode === 'vi' && !switchable) continue;
          if (switchable) {
            // Put the switch in the wanted state (the choice is remembered between pages).
            const on = await page.$eval('#vi', (b) => b.checked);
            if (on !== (mode === 'vi')) await page.click('#vi');
          }
          await page.addScriptTag({ path: AXE });
          const result = await page.evaluate(async () => {
            const r = await window.axe.run(document, { resultTypes: ['violations'] });
            return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
          });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          const vi = await page.evaluate(() => document.documentElement.classList.contains('vi'));
          report.push({ file, width: viewport.width, mode, vi, violations: result, overflow, external: [...external] });
        }
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report, null, 1) + '\n');
})().catch((e) => { console.error(e); process.exit(2); });
