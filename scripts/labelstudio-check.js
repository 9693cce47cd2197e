// Loads a Label Studio task list exported by workbench into Label Studio's
// own editor (@heartexlabs/label-studio, headless Chromium via
// playwright-core) and checks that every region lies on the text its
// result names, with the label the result names. Run by
// scripts/labelstudio-check.sh; see there for the arguments.
"use strict";
const fs = require("fs");
const path = require("path");
const os = require("os");
const { chromium } = require("playwright-core");

async function main() {
  const [tasksPath, configPath, chromiumPath] = process.argv.slice(2);
  const tasks = JSON.parse(fs.readFileSync(tasksPath, "utf8"));
  const config = fs.readFileSync(configPath, "utf8");
  const lsf = path.dirname(require.resolve("@heartexlabs/label-studio/package.json"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lscheck-"));
  const html = path.join(dir, "check.html");
  fs.writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${lsf}/build/static/css/main.css">
<script src="file://${lsf}/build/static/js/main.js"></script></head>
<body><div id="label-studio"></div></body></html>`);

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  let failures = 0, checked = 0;
  try {
    for (const task of tasks) {
      const page = await browser.newPage();
      page.on("pageerror", (e) => console.error(`task ${task.id}: page error: ${e.message}`));
      await page.goto("file://" + html);
      // Regions as the editor holds them, per annotation: the text under
      // each region's highlight spans and its labels.
      const got = await page.evaluate(async ({ config, task }) => {
        const annotations = task.annotations.map((a) => ({ ...a, completed_by: 1 }));
        const ls = await new Promise((resolve) => {
          new window.LabelStudio("label-studio", {
            config,
            interfaces: ["panel", "annotations:menu", "side-column"],
            user: { id: 1, first_name: "check", last_name: "", username: "check" },
            task: { id: task.id, data: task.data, annotations, predictions: [] },
            onLabelStudioLoad: (LS) => resolve(LS),
          });
        });
        const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
        const out = [];
        for (const a of ls.annotationStore.annotations) {
          ls.annotationStore.selectAnnotation(a.id);
          for (let i = 0; i < 50 && a.regionStore.regions.some((r) => !r._spans); i++) await sleep(100);
          for (const r of a.regionStore.regions) {
            const v = r.serialize().value || {};
            // The text the editor places the region on, as its own
            // updateHighlightedText reads it: the selection of the range it
            // computes from the offsets (keeps line breaks, unlike the
            // highlight spans' textContent).
            let placed = null;
            const range = r.rangeFromGlobalOffset && r.rangeFromGlobalOffset();
            if (range) {
              const sel = range.startContainer.ownerDocument.defaultView.getSelection();
              sel.removeAllRanges();
              sel.addRange(range);
              placed = String(sel);
              sel.removeAllRanges();
            }
            out.push({
              annotation: String(a.pk || a.id),
              start: v.start, end: v.end,
              labels: r.labeling ? r.labeling.mainValue : (v.labels || []),
              placed,
              highlighted: (r._spans || []).map((s) => s.textContent).join(""),
            });
          }
        }
        return out;
      }, { config, task });

      const want = [];
      for (const a of task.annotations) {
        for (const r of a.result) {
          want.push({ start: r.value.start, end: r.value.end, text: r.value.text, labels: r.value.labels });
        }
      }
      if (got.length !== want.length) {
        console.error(`task ${task.id}: the editor holds ${got.length} regions, the file ${want.length} (dropped?)`);
        failures++;
      }
      for (const w of want) {
        const g = got.find((g) => g.start === w.start && g.end === w.end && JSON.stringify(g.labels) === JSON.stringify(w.labels));
        checked++;
        if (!g) {
          console.error(`task ${task.id}: region ${w.start}-${w.end} ${JSON.stringify(w.labels)} not in the editor`);
          failures++;
        } else if (g.placed !== w.text || g.highlighted !== w.text.replace(/\n/g, "")) {
          // the highlight spans hold the text without its line breaks
          console.error(`task ${task.id}: region ${w.start}-${w.end} lies on ${JSON.stringify(g.placed)} (highlighted ${JSON.stringify(g.highlighted)}), want ${JSON.stringify(w.text)}`);
          failures++;
        }
      }
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${checked} regions checked in ${tasks.length} tasks, ${failures} problem(s)`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
