// A scripted organiser publishes the next version of a pack on the console's Packs page, in
// Debian's Chromium: uploads a workbook with errors and reads each cell named, uploads the fixed
// workbook, reads the change list and the preview, publishes, and downloads the workbook of the
// published version. Every page is saved at 1280x800 and 390 px wide (packs-*.png).
//   node packs-walk.cjs CONFIG.json
// CONFIG: {modules, url, name, password, broken, fixed, shots, downloads}.
// Prints one JSON object of what it saw; exits 1 (with the step) when a step fails.
"use strict";
const fs = require("fs");
const path = require("path");

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const common = require("./walk-common.cjs");

const seen = { shots: [], problems: [] };
let step = "start";

async function upload(page, file) {
  await page.goto(config.url + "/console/packs");
  await page.setInputFiles("#pack-file", file);
  await page.click("form.card button.primary");
  await page.waitForLoadState();
}

async function main() {
  const { browser, page } = await common.open(config, seen);
  try {
    step = "sign in";
    await common.signIn(page, config);
    await page.goto(config.url + "/console/packs");
    await common.shot(page, config, seen, "packs");

    step = "broken workbook";
    await upload(page, config.broken);
    seen.errors = await page.locator("ul.errors li").allInnerTexts();
    await common.shot(page, config, seen, "packs-errors");

    step = "fixed workbook";
    await upload(page, config.fixed);
    await page.waitForURL("**/console/packs?draft=*");
    seen.changes = await page.locator("ul.changes li").allInnerTexts();
    seen.preview_languages = await page.locator("details.preview").evaluateAll((all) => all.map((d) => d.lang));
    seen.preview = await page.locator("details.preview").first().innerText();
    seen.publish_button = await page.locator('form[action="/console/packs/publish"] button.primary').innerText();
    await common.shot(page, config, seen, "packs-preview");

    step = "publish";
    await page.click('form[action="/console/packs/publish"] button.primary');
    await page.waitForURL("**/console/packs?done=*");
    seen.done = await page.locator(".notice.ok").innerText();
    await common.shot(page, config, seen, "packs-published");

    step = "workbook";
    const link = page.locator('a.button[href*="/console/packs/workbook"]').last();
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    seen.workbook = path.join(config.downloads, file.suggestedFilename());
    await file.saveAs(seen.workbook);

    // The pack's life: closing, with a time at which it closes by itself (issue 17).
    step = "pack state";
    await page.goto(config.url + "/console/packs");
    const form = page.locator("form.lifecycle").first();
    await form.locator("select").selectOption("closing");
    await form.locator('input[name="closes_local"]').fill("2099-06-01T15:00");
    await form.locator("button").click();
    await page.waitForURL("**/console/packs?done=*");
    seen.state = await page.locator("section.pack-state").first().getAttribute("data-state");
    seen.state_sentence = await page.locator("section.pack-state p b").first().innerText();
    await common.shot(page, config, seen, "packs-closing");
    // The form holds the time set, so Set again (nothing changed) keeps it.
    step = "pack state again";
    seen.closes_value = await page.locator('form.lifecycle input[name="closes_local"]').first().inputValue();
    await Promise.all([page.waitForNavigation(), page.locator("form.lifecycle button").first().click()]);
    seen.state_sentence_again = await page.locator("section.pack-state p b").first().innerText();
    await common.shot(page, config, seen, "packs-closing-again");
    step = "remove closing time";
    await Promise.all([page.waitForNavigation(), page.locator("form.lifecycle button.clear-closing").first().click()]);
    seen.state_sentence_removed = await page.locator("section.pack-state p b").first().innerText();
    seen.closes_value_removed = await page.locator('form.lifecycle input[name="closes_local"]').first().inputValue();

    // The next version as a rehearsal, then live: asked twice.
    step = "rehearsal";
    await upload(page, config.fixed);
    await page.waitForURL("**/console/packs?draft=*");
    await page.click('form[action="/console/packs/publish"] button:not(.primary)');
    await page.waitForURL("**/console/packs?done=*");
    seen.rehearsal_done = await page.locator(".notice.ok").innerText();
    seen.rehearsal_badges = await page.locator(".badge.rehearsal").count();
    await common.shot(page, config, seen, "packs-rehearsal");
    step = "go live";
    await page.click('form[action="/console/packs/go-live"] button');
    await page.waitForLoadState();
    seen.go_live_question = await page.locator(".notice.warning").innerText();
    await common.shot(page, config, seen, "packs-go-live");
    await page.click('form[action="/console/packs/go-live"] button.danger');
    await page.waitForURL("**/console/packs?done=*");
    seen.live_done = await page.locator(".notice.ok").innerText();
    seen.badges_after = await page.locator(".badge.rehearsal").count();
  } catch (error) {
    seen.failed_step = step;
    seen.error = String(error && error.stack ? error.stack : error);
    await page.screenshot({ path: path.join(config.shots, "packs-failed.png"), fullPage: true }).catch(() => {});
  }
  await browser.close();
  process.stdout.write(JSON.stringify(seen, null, 2) + "\n");
  process.exit(seen.failed_step ? 1 : 0);
}

main();
