// `serve` as a person sees it, in headless Chromium: the page changes by itself after an
// edit (no reload by this script), and a broken edit shows the diagnostics in a banner.
// Usage: node live.js URL CHANGED_TEXT BANNER_TEXT
// Prints `loaded`, then `reloaded` once CHANGED_TEXT is on the page, then `banner: …` once
// the banner shows BANNER_TEXT; the test edits the input after each line. Exits 1 on timeout.
'use strict';
const puppeteer = require('puppeteer-core');

const [url, changed, bannerText] = process.argv.slice(2);
const TIMEOUT_MS = 30000;

async function until(page, test) {
  const start = Date.now();
  while (Date.now() - start < TIMEOUT_MS) {
    try {
      if (await page.evaluate(test)) return true;
    } catch (e) { /* the page is reloading */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu'],
  });
  let code = 0;
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    // A mark on this instance of the page: a reload removes it.
    await page.evaluate(() => { window.__firstLoad = true; });
    console.log('loaded');
    const reloaded = await until(page, new Function(`return !window.__firstLoad && document.body.innerText.includes(${JSON.stringify(changed)});`));
    if (!reloaded) throw new Error('the page did not change by itself');
    console.log('reloaded');
    const banner = await until(page, new Function(`const b = document.getElementById('sferum-serve-errors'); return b && b.textContent.includes(${JSON.stringify(bannerText)});`));
    if (!banner) throw new Error('no banner with the errors');
    const text = await page.evaluate(() => document.getElementById('sferum-serve-errors').textContent);
    const live = await page.evaluate(() => document.querySelectorAll('#sferum-serve-errors *').length);
    console.log('banner: ' + JSON.stringify({ text: text.slice(0, 2000), elements: live }));
  } catch (e) {
    console.error(String(e));
    code = 1;
  } finally {
    await browser.close();
  }
  process.exit(code);
})();
