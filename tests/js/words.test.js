// The engine's words in the browser (answers.js's t and pieces): the course's messages, in its
// language, with their values in place; every script says what it says through them.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { load, plain } = require("./browser.js");
const { course, stored, messages } = require("./course.js");

const english = load(["answers.js", "store.js", "calendar.js", "progress.js", "plan.js", "data.js"], { course: course() });
const german = load(["answers.js", "store.js", "calendar.js", "progress.js", "plan.js", "data.js"], { course: course("de") });

test("a message takes its values, and a count picks its form", () => {
  const { t } = english.answers;
  assert.strictEqual(t("worksheet.saved_at", { time: "10:00" }), "Saved on this device at 10:00");
  assert.strictEqual(t("data.loaded", { file: "a.json", count: 1 }), "Loaded the answers in a.json: 1 worksheet.");
  assert.strictEqual(t("data.loaded", { file: "a.json", count: 3 }), "Loaded the answers in a.json: 3 worksheets.");
  assert.strictEqual(t("progress.lesson"), "Your progress:");
  assert.strictEqual(german.answers.t("data.loaded", { file: "a.json", count: 3 }), "Die Antworten aus a.json sind geladen: 3 Arbeitsblätter.");
});

test("a message the course lacks reads as its key, and a value that is missing stays a placeholder", () => {
  const { t } = english.answers;
  assert.strictEqual(t("no.such.message"), "no.such.message");
  assert.strictEqual(t("worksheet.saved_at"), "Saved on this device at {time}");
  assert.strictEqual(t("constructor"), "constructor");
});

test("pieces keep an element in the middle of a sentence", () => {
  const link = { element: "a" };
  const parts = english.answers.pieces("plan.not_yet", { worksheet: link });
  assert.strictEqual(parts.length, 3);
  assert.strictEqual(parts[1], link);
  assert.deepStrictEqual([parts[0], parts[2]], ["Not filled in yet: ", " fills in this part."]);
});

test("the browser gets every message of the catalogue's browser section, in each language", () => {
  assert.deepStrictEqual(Object.keys(messages("de")).sort(), Object.keys(messages("en")).sort());
  assert.ok(Object.keys(messages("en")).length > 50);
});

test("in a German course, answers, the plan, the calendar file and the checks of a file speak German", () => {
  const contacts = stored("contacts", 1, { people: [{ person: "Priya", when: "2027-04-02", done: true }] });
  const field = course("de").worksheets.contacts.sections[0].fields[0];
  assert.deepStrictEqual(plain(german.answers.lines(field, contacts.answers.people)), [`Person: Priya; When: ${german.answers.day("2027-04-02")}; Done: ja`]);
  assert.match(german.answers.day("2027-04-02"), /April 2027/);

  const text = german.plan.markdown(german.plan.planOf(course("de"), { contacts }), new Date("2027-03-01T12:00:00Z"));
  assert.match(text, /^# Mein Comeback-Plan\n\nErstellt am 1\. März 2027\.\n\n## Lesson 1: Goals\n/);
  assert.match(text, /_Noch nicht ausgefüllt: Dieser Teil füllt sich mit dem Arbeitsblatt Goal ladder\._/);

  const events = german.plan.eventsOf(course("de"), { contacts });
  assert.strictEqual(events[0].description, "Aus Ihrem Comeback-Plan: Contacts, Lesson 1: Goals.");
  assert.match(german.calendar.ics(events), /\r\nPRODID:-\/\/Comeback\/\/Mein Plan\/\/DE\r\n/);

  assert.deepStrictEqual(plain(german.data.check("not a copy", course("de")).problems), ["sie ist keine Kopie Ihrer Antworten aus diesem Kurs"]);
});

test("the progress rule is said in the course's language", () => {
  assert.match(english.progress.rule(), /^A lesson counts as done when at least half/);
  assert.match(german.progress.rule(), /^Eine Lektion gilt als erledigt/);
});
