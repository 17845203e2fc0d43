// Drives the --serve page in headless chromium (see page_test.sh): loads it,
// pastes an invalid document, checks the marked lines and the list against
// the server's own report, follows a diagnostic to its line and explanation,
// applies the safe fixes, migrates, checks a narrow window, and saves
// screenshots in the artifact folder. Exits 1 on a failed check.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const puppeteer = require("puppeteer-core");

const [validate, src, out, chromium] = process.argv.slice(2);
let failures = 0;
function check(cond, what) {
  if (!cond) { failures++; console.log("FAIL: " + what); } else console.log("ok: " + what);
}

function startServer() {
  return new Promise((resolve, reject) => {
    const p = spawn(validate, ["--serve", "127.0.0.1:0", "--no-config", "--jobs", "2"],
                    { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d) => {
      err += d;
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) resolve({ proc: p, url: m[1] });
    });
    p.on("exit", () => reject(new Error("the server exited: " + err)));
  });
}

(async () => {
  const server = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-page-"));
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           "--user-data-dir=" + profile],
  });
  try {
    const page = await browser.newPage();
    const outside = [];
    page.on("request", (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) outside.push(r.url()); });
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.setViewport({ width: 1280, height: 1000 });
    await page.goto(server.url, { waitUntil: "load" });
    check((await page.title()) === "MLM validator", "the page loads");

    const file = path.join(src, "examples/v1.0.0/invalid/task-typo-clasification.json");
    const text = fs.readFileSync(file, "utf8");
    const want = await (await fetch(server.url + "validate", { method: "POST", body: text })).json();

    // Paste: the text goes in through a real paste event (clipboard data), as a person would.
    await page.focus("#doc");
    await page.evaluate((t) => {
      const ta = document.getElementById("doc");
      ta.value = t;
      const dt = new DataTransfer();
      dt.setData("text/plain", t);
      ta.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true }));
    }, text);
    await page.waitForFunction(() => /error/.test(document.getElementById("status").textContent), { timeout: 10000 });
    const status = await page.$eval("#status", (e) => e.textContent);
    check(status.startsWith("Not valid: " + want.errors + " error"), "the status says the counts: " + status);

    const marked = await page.$$eval("#view li.error", (ls) => ls.map((l) => Number(l.id.slice(1))));
    // each error's line, and the lines of the other positions of a grouped one
    const errorLines = [...new Set(want.diagnostics.filter((d) => d.severity === "error")
      .flatMap((d) => [d.line, ...(d.related || []).map((r) => r.line)]).filter((l) => l))].sort((a, b) => a - b);
    check(JSON.stringify(marked) === JSON.stringify(errorLines), "error lines marked: " + marked + " = " + errorLines);
    const lines = await page.$$eval("#view li", (ls) => ls.length);
    check(lines === text.split("\n").length, "every line is shown with its number");
    const items = await page.$$eval("#diagnostics li", (ls) => ls.map((l) => l.textContent));
    check(items.length === want.diagnostics.length, "one list item per diagnostic");
    check(items.some((t) => t.includes("MLM102") && t.includes("Hint:")), "the list shows rule, message and hint");

    // Keyboard: Tab to the first diagnostic and press Enter: the line gets focus, the rule is explained.
    const first = want.diagnostics[0];
    await page.focus("#diagnostics li button");
    await page.keyboard.press("Enter");
    await page.waitForFunction((r) => document.getElementById("explanation").textContent.includes(r), { timeout: 10000 }, first.rule);
    const focused = await page.evaluate(() => document.activeElement.id);
    check(focused === "L" + first.line, "Enter on a diagnostic moves focus to its line (" + focused + ")");
    await page.screenshot({ path: path.join(out, "page-diagnostics.png"), fullPage: true });

    // The safe fixes (the "fix" objects of the report, issue 19).
    const safe = want.diagnostics.filter((d) => d.fix && d.fix.safe && d.fix.edits && d.fix.edits.length);
    // The typo "clasification" has a safe fix in the library (issue 19): the path must run.
    check(safe.length > 0, "the report of the typo document carries a safe fix");
    const fixDisabled = await page.$eval("#fix", (b) => b.disabled);
    check(fixDisabled === (safe.length === 0), "the fix button is enabled exactly when there are safe fixes");
    if (safe.length) {
      await page.click("#fix");
      await page.waitForFunction(() => /applied/.test(document.getElementById("status").textContent), { timeout: 10000 });
      const after = await page.$eval("#doc", (e) => e.value);
      check(after !== text, "the fixes changed the document");
      const again = await (await fetch(server.url + "validate", { method: "POST", body: after })).json();
      check(again.errors < want.errors, "fewer errors after the safe fixes (" + want.errors + " -> " + again.errors + ")");
      check(await page.$eval("#diff-section", (e) => !e.hidden), "the fixes are shown as a diff");
      await page.screenshot({ path: path.join(out, "page-fixed.png"), fullPage: true });
    }

    // Migrate to the latest version: a diff with added lines, then use it.
    await page.evaluate((t) => { document.getElementById("doc").value = t; }, fs.readFileSync(path.join(src, "examples/v1.0.0/valid/resnet18-s2-landcover.json"), "utf8"));
    await page.click("#migrate");
    await page.waitForFunction(() => !document.getElementById("diff-section").hidden && document.querySelectorAll("#diff li.add").length > 0, { timeout: 10000 });
    check(true, "migrating shows a diff with added lines");
    await page.click("#diff-accept");
    await page.waitForFunction(() => /MLM 1\.5\.2/.test(document.getElementById("status").textContent), { timeout: 10000 });
    check(true, "the migrated document is validated as 1.5.2");

    // A narrow window: no horizontal scrolling.
    await page.setViewport({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, "no horizontal overflow at 360 px (" + overflow + ")");
    await page.screenshot({ path: path.join(out, "page-narrow.png"), fullPage: true });
    // Every control has an accessible name.
    const unnamed = await page.$$eval("button, input, textarea", (es) => es.filter((e) => {
      const id = e.id && document.querySelector('label[for="' + e.id + '"]');
      return !(e.textContent.trim() || e.getAttribute("aria-label") || id || e.closest("label"));
    }).length);
    check(unnamed === 0, "every control has a name");
    check(outside.length === 0, "no request leaves the server: " + outside.join(" "));
    check(pageErrors.length === 0, "no script error: " + pageErrors.join(" "));
  } finally {
    await browser.close();
    server.proc.kill("SIGTERM");
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(failures ? failures + " check(s) failed" : "page ok; screenshots in " + out);
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
