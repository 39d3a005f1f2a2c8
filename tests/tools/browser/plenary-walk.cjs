// The chair's flow in Debian's Chromium (issue 17): the console's Plenary page in one tab drives
// /live open in a second tab, as on the projector: hide, show, freeze while answers still arrive
// (the test's hub adds them between steps), unfreeze, each reaching /live without a reload by hand; then the Comments page approves the texts
// no flag marks, and /live's "From the room" panel shows them. Every page is saved at 1280x800
// and 390 px wide (plenary-*.png, live-*.png, comments-*.png).
//   node plenary-walk.cjs CONFIG.json
// CONFIG: {modules, url, name, password, shots, downloads, pack, more_file}; the walk writes
// "frozen" into more_file once /live is frozen and waits until the file says "delivered".
// Prints one JSON object of what it saw; exits 1 (with the step) when a step fails.
"use strict";
const fs = require("fs");
const path = require("path");

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const common = require("./walk-common.cjs");

const seen = { shots: [], problems: [], switch_ms: [] };
let step = "start";

function servedVersion(tab) {
  return tab.locator('meta[name="peiling-live-version"]').getAttribute("content");
}

// The page reloads itself (its 10 s refresh, or a switch), so a read that meets a reload under way
// is read again once the new page has loaded.
async function read(tab) {
  for (let attempt = 0; ; ++attempt) {
    try {
      return {
        title: await tab.locator("h1").first().innerText(),
        header: await tab.locator("header p").first().innerText().catch(() => ""),
        room: await tab.locator("aside.room li q").allInnerTexts(),
      };
    } catch (error) {
      if (attempt >= 3) throw error;
      await tab.waitForLoadState("load");
    }
  }
}

// What the projector shows after reloading, as for figures that changed without a switch.
async function live(tab) {
  await tab.reload().catch(() => tab.waitForLoadState("load"));
  return read(tab);
}

// What the projector shows once it has reloaded by itself after a switch, which it must within 2 s
// (it polls /live/state each second); the time it took is in switch_ms. Waits up to 10 s, so that
// a slow machine gives a figure to judge rather than a flaky failure.
async function afterSwitch(tab, before, pressed) {
  await tab.waitForFunction(
    (old) => {
      const meta = document.querySelector('meta[name="peiling-live-version"]');
      return meta && meta.content !== old && document.readyState !== "loading";
    },
    before,
    { timeout: 10000, polling: 50 }
  );
  seen.switch_ms.push(Date.now() - pressed);
  return read(tab);
}

// Presses the switch; answers when the hub had done it (the console's page after the POST).
async function press(page, projector, label) {
  const before = await servedVersion(projector);
  await page.click(`section.plenary[data-pack="${config.pack}"] button:text-is("${label}")`);
  await page.waitForURL("**/console/plenary?done=*");
  return afterSwitch(projector, before, Date.now());
}

async function main() {
  const { browser, page } = await common.open(config, seen);
  try {
    step = "sign in";
    await common.signIn(page, config);
    await page.goto(config.url + "/console/plenary");
    seen.state_before = await page.locator("section.plenary").first().getAttribute("data-state");
    await common.shot(page, config, seen, "plenary");

    step = "projector";
    const projector = await page.context().newPage();
    await projector.goto(config.url + "/live?lang=en");
    seen.shown = await live(projector);
    await common.shot(projector, config, seen, "live-shown");

    step = "hide";
    seen.hidden = await press(page, projector, "Hide the results");
    await common.shot(projector, config, seen, "live-hidden");
    await common.shot(page, config, seen, "plenary-hidden");

    step = "show and freeze";
    await press(page, projector, "Show the results");
    seen.frozen = await press(page, projector, "Freeze the figures");
    fs.writeFileSync(config.more_file, "frozen");
    // The delivery is a kiosk's sync, which a loaded machine may take minutes over.
    for (let i = 0; i < 3000 && fs.readFileSync(config.more_file, "utf8") !== "delivered"; ++i)
      await new Promise((done) => setTimeout(done, 100));
    seen.frozen_after_more = await live(projector);
    await common.shot(projector, config, seen, "live-frozen");
    await common.shot(page, config, seen, "plenary-frozen");

    step = "unfreeze";
    seen.unfrozen = await press(page, projector, "Unfreeze");

    step = "comments";
    await page.goto(config.url + "/console/comments");
    seen.comments_counts = await page.locator("p.counts").innerText();
    seen.flagged_rows = await page.locator("span.flag").count();
    await common.shot(page, config, seen, "comments");
    await page.click('button[value="approve-unflagged"]');
    await page.waitForURL("**/console/comments?*done=*");
    seen.comments_done = await page.locator(".notice.ok").innerText();
    await common.shot(page, config, seen, "comments-approved");
    seen.room = await live(projector);
    await common.shot(projector, config, seen, "live-room");
  } catch (error) {
    seen.failed_step = step;
    seen.error = String(error && error.stack ? error.stack : error);
    await page.screenshot({ path: path.join(config.shots, "plenary-failed.png"), fullPage: true }).catch(() => {});
  }
  await browser.close();
  process.stdout.write(JSON.stringify(seen, null, 2) + "\n");
  process.exit(seen.failed_step ? 1 : 0);
}

main();
