// Answers from an earlier version of a worksheet, whose shape the worksheet no longer has (a list
// where a table is now, text where a list is): every view of the answers skips them as answers of
// today, keeps them as answers of an earlier version, and never stops on them.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { load, plain } = require("./browser.js");
const { course, stored } = require("./course.js");

const KEY = "comeback:test:ws:";
// Contacts is at version 1 now, where "people" is a table; at version 0 it was one line of text.
const older = { contacts: stored("contacts", 0, { people: "call Sam", kind: "mentor" }), goals: stored("goals", 2, { goal: "Lead a team" }) };
const local = Object.fromEntries(Object.entries(older).map(([id, data]) => [KEY + id, JSON.stringify(data)]));
const { answers, plan, data, progress } = load(["answers.js", "store.js", "calendar.js", "plan.js", "data.js", "progress.js"], { course: course(), local });

test("My plan and its calendar skip an answer of another shape, and show the rest", () => {
  const parts = plan.planOf(course(), older);
  assert.deepStrictEqual(plain(parts[0].sheets.map((s) => [s.id, s.answers.map(([f, shown]) => [f.id, shown])])), [
    ["goals", [["goal", ["Lead a team"]]]],
    ["contacts", []],
  ]);
  assert.match(plan.markdown(parts), /Lead a team/);
  assert.deepStrictEqual(plain(plan.eventsOf(course(), { contacts: stored("contacts", 0, { people: "2027-01-01" }) })), []);
});

test("an answer read as lines is read only in the shape of its field", () => {
  const people = course().worksheets.contacts.sections[0].fields[0];
  assert.deepStrictEqual(plain(answers.lines(people, "call Sam")), []);
  assert.deepStrictEqual(plain(answers.lines({ id: "steps", type: "list" }, { 0: "x" })), []);
});

test("progress counts only answers in the shape of today's worksheet", () => {
  const now = progress.progressOf(course(), { contacts: stored("contacts", 0, { people: "call Sam" }) });
  assert.deepStrictEqual(plain(now.lessons.map((l) => [l.lesson, l.status])), [["goals", "not-started"], ["wins", "not-started"]]);
});

test("the document of everything keeps the earlier answer, under answers from an earlier version", () => {
  const text = data.markdown();
  assert.match(text, /## Contacts\n\n### People\n\n\*\*Which support\?\*\*\n\nA mentor\n\n### Answers from an earlier version\n\n\*\*people \(version 0\)\*\*\n\ncall Sam\n/);
  assert.match(text, /## Goal ladder\n\n### Your goal\n\n\*\*Your goal\*\*\n\nLead a team\n/);
});

test("settling loaded answers moves what no longer fits into the archive, and keeps the rest", () => {
  const contacts = course().worksheets.contacts;
  const settled = plain(
    answers.settle(contacts, stored("contacts", 0, { people: "call Sam", kind: "mentor", gone: "a removed field" }, { archived: { people: { version: 0, value: "older" } } })),
  );
  assert.deepStrictEqual(settled.answers, { kind: "mentor" });
  assert.deepStrictEqual(settled.archived, {
    people: { version: 0, value: "older" },
    "people (2)": { version: 0, value: "call Sam" },
    gone: { version: 0, value: "a removed field" },
  });
  assert.strictEqual(settled.version, 0, "the version stays: the worksheet's page brings it up to date");
  const fine = stored("contacts", 1, { kind: "mentor" });
  assert.deepStrictEqual(plain(answers.settle(contacts, fine)), { ...fine, archived: {} });
});
