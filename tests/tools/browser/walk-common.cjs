// What the console walks share (console-walk.cjs, packs-walk.cjs): Debian's Chromium through
// playwright-core, screenshots of a page at 1280x800 and 390 px wide, the sign-in, and the
// problems a page shows (a script or style the CSP refused, a file that failed to load).
"use strict";
const path = require("path");

async function open(config, seen) {
  const { chromium } = require(path.join(config.modules, "playwright-core"));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  // Anything but the page itself, whose status (401, 404) is the answer a step expects.
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      seen.problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.request().resourceType() !== "document" && response.status() >= 400)
      seen.problems.push(`${response.url()}: ${response.status()}`);
  });
  return { browser, page };
}

async function shot(page, config, seen, name) {
  for (const [width, height, suffix] of [[1280, 800, "1280"], [390, 844, "390"]]) {
    await page.setViewportSize({ width, height });
    const file = path.join(config.shots, `${name}-${suffix}.png`);
    await page.screenshot({ path: file, fullPage: true });
    seen.shots.push(file);
    // Nothing may stick out sideways at phone width, but a table that scrolls in its own box.
    if (suffix === "390") {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > 390) seen.problems.push(`${name}: ${wide} px wide at 390`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function signIn(page, config) {
  await page.goto(config.url + "/console");
  await page.fill("#name", config.name);
  await page.fill("#password", config.password);
  await page.click("form.card button.primary");
  await page.waitForURL("**/console/overview");
}

module.exports = { open, shot, signIn };
