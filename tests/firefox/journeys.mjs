// The learner's journeys in Firefox: Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core (no browser of its own is downloaded). Run by tests/test_firefox.py, which serves
// the built course, unpacks the offline copy and hosts the SCORM package under scorm-again, and
// passes their addresses as one JSON argument: {site, offline, lms, firefox, files}.
// Prints one JSON line per journey, {journey, ok, ms, error}, then {browser}; every journey runs in
// a browser context of its own (storage of its own), in one Firefox.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

const config = JSON.parse(process.argv[2]);
const WAIT = { timeout: 15000 };
const EVENT = "#ws-facts-vs-story-event";
const GOAL = "#ws-goal-ladder-goal";
const LESSON_1 = "lessons/1-reframe-the-setback/";
const LESSON_2 = "lessons/2-set-new-goals/";

// What the journey was doing, for the report when it stops.
let doing = "";
async function click(page, selector) {
  doing = `clicking ${selector}`;
  await page.locator(selector).click();
}
// Back, as the learner's button. Whether the page came back from the back/forward cache (the same
// window, with what was set on it before leaving) or was loaded again goes into the report. With
// the site's BroadcastChannel open (tabs.js), Firefox loads it again; a page Firefox does keep in
// that cache comes back without the load event goBack waits for.
const notes = [];
async function back(page) {
  doing = "going Back";
  await page.evaluate(() => (window.journeyLeft = true));
  await page.goBack();
  notes.push(`Back: ${(await page.evaluate(() => window.journeyLeft)) ? "from the back/forward cache" : "loaded again"}`);
}

function check(ok, what) {
  if (!ok) throw new Error(what);
}

// Waits until `fn` (run in the page) is true; the error says what was awaited.
async function until(page, fn, what, ...args) {
  doing = `waiting until ${what}`;
  try {
    await page.waitForFunction(fn, WAIT, ...args);
  } catch (error) {
    throw new Error(`${what} (${error.message.split("\n")[0]})`);
  }
}

async function open(page, url) {
  doing = `opening ${url}`;
  await page.goto(url);
  await page.waitForSelector("form.ws[data-ws-ready]", WAIT);
}

// Types into a field, then waits until the form has saved (no save pending any more).
async function type(page, selector, text) {
  doing = `typing into ${selector}`;
  await page.locator(selector).fill(text);
  await until(page, (s) => !document.querySelector(s).closest("form").hasAttribute("data-ws-unsaved"), `${selector} saved`, selector);
}
// A date field: set as a date picker sets it, with the input event a learner's choice fires.
async function pickDate(page, selector, iso) {
  await page.$eval(selector, (el, v) => ((el.value = v), el.dispatchEvent(new Event("input", { bubbles: true }))), iso);
  await until(page, (s) => !document.querySelector(s).closest("form").hasAttribute("data-ws-unsaved"), `${selector} saved`, selector);
}
const valueOf = (page, selector) => page.$eval(selector, (el) => el.value);
const stored = (page, area, worksheet) => page.evaluate((a, w) => JSON.parse(window[a].getItem(`comeback:comeback:ws:${w}`)), area, worksheet);
const keys = (page, area) => page.evaluate((a) => Object.keys(window[a]).filter((k) => k.startsWith("comeback:")), area);

// What the page hands to the browser as a file (answers.js's download(): a link to a blob, clicked):
// the page keeps each file's name and text in window.files as it is made.
async function keepFiles(page) {
  await page.evaluate(() => {
    window.files = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (!this.download) return click.call(this);
      const name = this.download;
      fetch(this.href).then((r) => r.text()).then((text) => window.files.push({ name, text }));
    };
  });
}
async function fileMade(page, ending) {
  await until(page, (e) => window.files.some((f) => f.name.endsWith(e)), `a ${ending} file made`, ending);
  return page.evaluate((e) => window.files.find((f) => f.name.endsWith(e)), ending);
}

// Confirms every confirm() of the page, as a learner choosing OK.
const acceptDialogs = (page) => page.on("dialog", (dialog) => dialog.accept());

const JOURNEYS = {
  async "fill and reload"(page) {
    await open(page, config.site + LESSON_1);
    await type(page, EVENT, "The panel chose someone else");
    await page.reload();
    await page.waitForSelector("form.ws[data-ws-ready]", WAIT);
    check((await valueOf(page, EVENT)) === "The panel chose someone else", "the answer is back after a reload");
  },

  async "leave and return"(page) {
    await open(page, config.site + LESSON_1);
    await type(page, EVENT, "Typed, then off to the next lesson");
    await open(page, config.site + LESSON_2);
    await type(page, GOAL, "Lead a team");
    await back(page);
    await until(page, (s, v) => document.querySelector(s)?.value === v, "the first answer shown after Back", EVENT, "Typed, then off to the next lesson");
    await open(page, config.site + LESSON_2);
    check((await valueOf(page, GOAL)) === "Lead a team", "the second answer shown on a new visit");
  },

  async "erase, then Back"(page, context) {
    acceptDialogs(page);
    await open(page, config.site + LESSON_1);
    await type(page, EVENT, "The previous learner's answer");
    // The same lesson open in a second tab: the erase reaches it too.
    const other = await context.newPage();
    await open(other, config.site + LESSON_1);
    check((await valueOf(other, EVENT)) === "The previous learner's answer", "the answer shown in a second tab");
    await page.bringToFront();
    await page.goto(config.site + "privacy/");
    await click(page, "button[data-comeback-action=erase-all]");
    await until(page, () => document.querySelector("dialog.comeback-dialog")?.textContent.includes("another tab"), "the erase says another tab is open");
    await click(page, "dialog.comeback-dialog button.comeback-danger");
    await until(page, () => document.querySelector("[data-comeback-data-status]")?.textContent.includes("erased"), "the page says it erased");
    check((await keys(page, "localStorage")).length === 0, "nothing of the site left in localStorage");
    await until(other, (s) => document.querySelector(s).value === "", "the second tab erased too", EVENT);
    await other.close();
    await back(page);
    await until(page, (s) => document.querySelector(s)?.value === "", "the erased answer is not shown after Back", EVENT);
    await type(page, "#ws-facts-vs-story-first-story", "The next learner");
    const data = await stored(page, "localStorage", "facts-vs-story");
    check(data.answers.event === "" && data.answers["first-story"] === "The next learner", "the next keystroke saves nothing of the previous learner");
  },

  async "save and load a copy"(page) {
    acceptDialogs(page);
    await open(page, config.site + LESSON_1);
    await keepFiles(page);
    await type(page, EVENT, "Kept in a file");
    await click(page, "form#ws-facts-vs-story .ws-toolbar [data-ws-action=save-copy]");
    const copy = await fileMade(page, ".json");
    check(JSON.parse(copy.text).answers.event === "Kept in a file", "the copy holds the answer");
    await click(page, "form#ws-facts-vs-story [data-ws-action=clear]");
    await until(page, (s) => document.querySelector(s).value === "", "cleared", EVENT);
    const path = join(config.files, copy.name);
    writeFileSync(path, copy.text);
    const input = await page.$("form#ws-facts-vs-story input[type=file]");
    await input.uploadFile(path);
    await until(page, (s) => document.querySelector(s).value === "Kept in a file", "the loaded copy shown", EVENT);
    check((await stored(page, "localStorage", "facts-vs-story")).answers.event === "Kept in a file", "the loaded copy stored");
  },

  async "My plan and its calendar file"(page) {
    await open(page, config.site + LESSON_2);
    await type(page, GOAL, "Lead a team by spring");
    await pickDate(page, "#ws-goal-ladder-goal-date", "2031-03-14");
    await page.goto(config.site + "plan/");
    await until(page, () => document.querySelector("[data-plan-body]")?.textContent.includes("Lead a team by spring"), "My plan shows the goal");
    await keepFiles(page);
    await click(page, "button[data-plan-action=plan-calendar]");
    const ics = (await fileMade(page, ".ics")).text;
    check(ics.startsWith("BEGIN:VCALENDAR\r\n") && ics.endsWith("END:VCALENDAR\r\n"), "a calendar file");
    check(/DTSTART;VALUE=DATE:20310314/.test(ics), "the goal's date is an event");
  },

  async "shared-computer mode"(page, context) {
    acceptDialogs(page);
    await open(page, config.site + LESSON_1);
    await type(page, EVENT, "Before the switch");
    await click(page, "form#ws-facts-vs-story input[data-comeback-action=shared]");
    await until(page, () => !document.querySelector(".ws-shared-note").hidden, "the shared-computer note shown");
    check((await keys(page, "localStorage")).length === 0, "the answers left localStorage");
    check((await stored(page, "sessionStorage", "facts-vs-story")).answers.event === "Before the switch", "the answers moved to sessionStorage");
    // A second tab of the same browser runs in the same mode, with the same answers.
    const other = await context.newPage();
    await open(other, config.site + LESSON_1);
    await until(other, () => document.querySelector("input[data-comeback-action=shared]").checked, "the second tab in shared-computer mode");
    await until(other, (s) => document.querySelector(s).value === "Before the switch", "the second tab shows the answers", EVENT);
    await type(other, EVENT, "Typed in the second tab");
    await until(page, (s) => document.querySelector(s).value === "Typed in the second tab", "the first tab follows the second", EVENT);
    check((await keys(other, "localStorage")).length === 0, "nothing written to localStorage");
    // Erased in one tab, erased in both.
    await page.bringToFront();
    await click(page, "form#ws-facts-vs-story button[data-comeback-action=erase-all]");
    await click(page, "dialog.comeback-dialog button.comeback-danger");
    await until(other, (s) => document.querySelector(s).value === "", "the second tab erased too", EVENT);
    for (const tab of [page, other]) check((await keys(tab, "sessionStorage")).length === 0, "nothing left in sessionStorage");
  },

  async "the offline copy from a folder"(page) {
    await open(page, config.offline + "lessons/1-reframe-the-setback.html");
    await type(page, EVENT, "Typed in a training room");
    await page.reload();
    await page.waitForSelector("form.ws[data-ws-ready]", WAIT);
    check((await valueOf(page, EVENT)) === "Typed in a training room", "the answer is back after a reload, from file://");
    await open(page, config.offline + "lessons/2-set-new-goals.html");
    await back(page);
    await until(page, (s, v) => document.querySelector(s)?.value === v, "the answer shown after Back, from file://", EVENT, "Typed in a training room");
  },

  async "the SCORM package under scorm-again"(page) {
    await page.goto(config.lms);
    await until(page, () => window.calls?.some((c) => c.name == "LMSInitialize"), "LMSInitialize called");
    // The launch page frames the course (all from one origin here), which shows its home page.
    const course = () => document.getElementById("sco")?.contentDocument?.getElementById("comeback-course")?.contentDocument;
    await until(page, `(${course})()?.querySelector("h1") != null`, "the course shown in its frame");
    await page.evaluate(() => document.getElementById("sco").remove());
    await until(page, () => window.calls.some((c) => c.name == "LMSFinish"), "LMSFinish called on leaving");
    const calls = await page.evaluate(() => window.calls);
    check(calls[0].name == "LMSInitialize", "LMSInitialize first");
    check(calls.every((c) => c.error == "0"), `every call accepted: ${JSON.stringify(calls.find((c) => c.error != "0"))}`);
    check(calls.some((c) => c.args[0] == "cmi.core.exit"), "cmi.core.exit written");
  },
};

const browser = await puppeteer.launch({ browser: "firefox", executablePath: config.firefox, headless: true });
try {
  const only = config.only ?? Object.keys(JOURNEYS);
  for (const name of only) {
    const started = Date.now();
    notes.length = 0;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error.message ?? error)));
    let error = null;
    try {
      await JOURNEYS[name](page, context);
      if (errors.length) error = `script errors: ${errors.join("; ")}`;
    } catch (e) {
      error = `${e.message ?? e} (while ${doing})`;
    }
    await context.close();
    console.log(JSON.stringify({ journey: name, ok: error === null, ms: Date.now() - started, error, notes }));
  }
  console.log(JSON.stringify({ browser: await browser.version() }));
} finally {
  await browser.close();
}
