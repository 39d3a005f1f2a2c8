// A scripted organiser walks the console in Debian's Chromium (headless, driven by playwright-core):
// signs in, reads the overview, approves a pending device, labels it, uploads a stick's zip,
// downloads every report format, exports the contacts after giving the password again, takes a
// backup and reads the audit log. Every page is saved at 1280x800 and 390 px wide.
//   node console-walk.cjs CONFIG.json
// CONFIG: {modules, url, name, password, pending_device, stick_zip, passphrase, shots, downloads}.
// Prints one JSON object of what it saw; exits 1 (with the step) when a step fails.
"use strict";
const fs = require("fs");
const path = require("path");

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const common = require("./walk-common.cjs");

const seen = { shots: [], downloads: {}, overview: {}, problems: [] };
let step = "start";

function shot(page, name) {
  return common.shot(page, config, seen, name);
}

async function download(page, click, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const target = path.join(config.downloads, name || file.suggestedFilename());
  await file.saveAs(target);
  seen.downloads[name || file.suggestedFilename()] = { path: target, suggested: file.suggestedFilename() };
  return target;
}

// The overview's figure of complete responses.
async function completeResponses(page) {
  await page.goto(config.url + "/console/overview");
  return Number(await page.locator(".figure b").first().innerText());
}

async function main() {
  const { browser, page } = await common.open(config, seen);
  try {
    step = "sign in";
    await page.goto(config.url + "/console");
    await shot(page, "sign-in");
    await common.signIn(page, config);

    step = "overview";
    seen.overview.before = await completeResponses(page);
    await shot(page, "overview");

    step = "overview refresh";
    // console.js fetches the page again within 10 s and swaps <main>, leaving the scroll alone.
    await page.setViewportSize({ width: 1280, height: 400 });
    await page.evaluate(() => window.scrollTo(0, 300));
    await page.evaluate(() => document.querySelector("main h1").setAttribute("data-before-refresh", "1"));
    await page.waitForResponse((r) => r.url().endsWith("/console/overview") && r.request().resourceType() === "fetch",
                               { timeout: 15000 });
    await page.waitForFunction(() => !document.querySelector("main h1").hasAttribute("data-before-refresh"));
    seen.overview.scroll_after_refresh = await page.evaluate(() => window.scrollY);
    await page.setViewportSize({ width: 1280, height: 800 });

    step = "approve";
    await page.goto(config.url + "/console/devices");
    await shot(page, "devices");
    await page.click(`form[action="/console/devices/approve"]:has(input[value="${config.pending_device}"]) button`);
    await shot(page, "devices-confirm");
    await page.click("main button.primary");
    await page.waitForURL("**/console/devices?done=*");
    await page.fill(`form.label:has(input[value="${config.pending_device}"]) input[name="label"]`, "Kiosk 3, zaal B");
    await page.click(`form.label:has(input[value="${config.pending_device}"]) button`);
    await page.waitForURL("**/console/devices");
    seen.overview.after = await completeResponses(page);
    seen.overview.label_shown = (await page.content()).includes("Kiosk 3, zaal B");

    step = "import";
    await page.goto(config.url + "/console/import");
    await shot(page, "import");
    await page.setInputFiles("#files", config.stick_zip);
    await page.click("form.card button.primary");
    await page.waitForURL("**/console/import");
    seen.import = await page.locator("main table").innerText();
    await shot(page, "import-outcome");
    // Both files for the stick: the acknowledgement and the pack states, under the names they keep.
    await download(page, () => page.click('main a[href="/console/import/ack"]'), "ack.json");
    seen.states_file = path.basename(await download(page, () => page.click('main a[href="/console/import/states"]')));
    seen.overview.after_import = await completeResponses(page);

    step = "reports";
    await page.goto(config.url + "/console/reports");
    await shot(page, "reports");
    for (const [format, dialect, name] of [["xlsx", "", "report.xlsx"], ["csv", "excel-nl", "report-nl.csv"],
                                           ["csv", "plain", "report.csv"], ["json", "", "report.json"]]) {
      await page.goto(config.url + "/console/reports");
      await page.selectOption("#one-format", format);
      if (dialect) await page.selectOption("#one-dialect", dialect);
      const target = await download(page, () => page.click("#one-pack button.primary"), name);
      seen.downloads[name].size = fs.statSync(target).size;
    }
    await page.goto(config.url + "/console/reports");
    await page.selectOption("#one-format", "html");
    await Promise.all([page.waitForNavigation(), page.click("#one-pack button.primary")]);
    seen.html_report = { title: await page.title(), url: page.url() };
    fs.writeFileSync(path.join(config.downloads, "report.html"), await page.content());
    await shot(page, "report-html");

    step = "contacts";
    await page.goto(config.url + "/console/contacts");
    await shot(page, "contacts");
    await page.fill("#password", "not my password");
    await page.click("form.card button.primary");
    seen.contacts_refused = (await page.content()).includes("nothing was exported");
    await shot(page, "contacts-refused");
    await page.goto(config.url + "/console/contacts");
    await page.fill("#password", config.password);
    await download(page, () => page.click("form.card button.primary"), "contacts.csv");

    step = "backup";
    await page.goto(config.url + "/console/backup");
    await shot(page, "backup");
    await page.fill("#passphrase", config.passphrase);
    await page.fill("#again", config.passphrase);
    await page.fill("#folder", "browser-test");
    await page.click("form.card button.primary");
    await page.waitForURL("**/console/backup");
    const link = page.locator('a.button[href^="/console/backup/download"]');
    for (let i = 0; i < 60 && (await link.count()) === 0; ++i) {
      await page.waitForTimeout(500);
      await page.goto(config.url + "/console/backup");
    }
    await shot(page, "backup-done");
    await download(page, () => link.first().click(), "hub.peiling-backup");

    step = "audit";
    await page.goto(config.url + "/console/audit");
    await shot(page, "audit");
    seen.audit = await page.locator("main tbody tr td:nth-child(3)").allInnerTexts();

    step = "not found";
    await page.goto(config.url + "/console/no-such-page");
    await shot(page, "not-found");
    await page.click("main a");
    seen.home_from_404 = page.url();

    step = "language";
    await page.click("header form[action='/console/language'] button");
    await page.waitForURL("**/console/overview");
    seen.dutch_heading = await page.locator("main h1").innerText();
    await shot(page, "overview-nl");

    step = "sign out";
    await page.click("header form[action='/console/sign-out'] button");
    await page.waitForURL("**/console/sign-in**");
    seen.signed_out = page.url();
  } catch (error) {
    seen.failed_step = step;
    seen.error = String(error && error.stack ? error.stack : error);
    await page.screenshot({ path: path.join(config.shots, "failed.png"), fullPage: true }).catch(() => {});
  }
  await browser.close();
  process.stdout.write(JSON.stringify(seen, null, 2) + "\n");
  process.exit(seen.failed_step ? 1 : 0);
}

main();
