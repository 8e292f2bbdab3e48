// My plan (plan.js): the answers to every field marked `plan: true`, part by part of the course, as a
// page, a document and the events of a calendar file.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { load, plain } = require("./browser.js");
const { course, stored } = require("./course.js");

const { plan, answers } = load(["answers.js", "store.js", "calendar.js", "plan.js"], { course: course() });
// The plan in short: [part title, [[worksheet id, [[field id, lines]]]]].
const outline = (parts) => plain(parts.map(({ part, sheets }) => [part.title, sheets.map((s) => [s.id, s.answers.map(([field, shown]) => [field.id, shown])])]));

test("before any answer, the plan lists each part's worksheets with plan fields, and nothing else", () => {
  assert.deepStrictEqual(outline(plan.planOf(course(), {})), [["Lesson 1: Goals", [["goals", []], ["contacts", []]]]]);
});

test("the plan shows the answers to plan fields as a person reads them, and only those", () => {
  const stored_ = {
    goals: stored("goals", 2, { goal: "Lead a team", start: "2027-04-01", steps: ["Not in the plan"] }),
    contacts: stored("contacts", 1, { people: [{ person: "Priya", when: "", done: true }, { person: "", when: "", done: false }], kind: "mentor" }),
    snapshot: stored("snapshot", 1, { story: "Not in the plan" }),
  };
  assert.deepStrictEqual(outline(plan.planOf(course(), stored_)), [
    [
      "Lesson 1: Goals",
      [
        ["goals", [["goal", ["Lead a team"]], ["start", [answers.day("2027-04-01")]]]],
        ["contacts", [["people", ["Person: Priya; When: –; Done: yes"]]]],
      ],
    ],
  ]);
});

test("an answer of another shape or a worksheet missing from storage does not break the plan", () => {
  const parts = plan.planOf(course(), { goals: stored("goals", 2, JSON.parse('{"goal": "", "__proto__": "x"}')) });
  assert.deepStrictEqual(outline(parts), [["Lesson 1: Goals", [["goals", []], ["contacts", []]]]]);
});

test("the document says which parts are not filled in yet, and lists answers of several lines", () => {
  const parts = plan.planOf(course(), { contacts: stored("contacts", 1, { people: [{ person: "Priya" }, { person: "Sam" }] }) });
  const text = plan.markdown(parts, new Date("2027-03-01T12:00:00Z"));
  assert.match(text, /^# My comeback plan\n\nMade on .*2027\.\n\n## Lesson 1: Goals\n/);
  assert.match(text, /_Not filled in yet: the Goal ladder worksheet fills in this part._/);
  assert.match(text, /### Contacts\n\n\*\*Who to ask\*\*\n\n- Person: Priya; When: –\n- Person: Sam; When: –\n/);
});

test("every dated plan answer is a calendar event: a date field, and each table row with a date", () => {
  const stored_ = {
    goals: stored("goals", 2, { goal: "Lead a team", start: "2027-04-01" }),
    contacts: stored("contacts", 1, {
      people: [
        { person: "Priya", when: "2027-04-02" },
        { person: "", when: "2027-04-03" },
        { person: "Sam", when: "" },
      ],
    }),
  };
  const where = (title) => `From your comeback plan: ${title}, Lesson 1: Goals.`;
  assert.deepStrictEqual(plain(plan.eventsOf(course(), stored_)), [
    { uid: "test-goals-start@comeback", date: "2027-04-01", summary: "Start my goal", description: where("Goal ladder") },
    { uid: "test-contacts-people-1-when@comeback", date: "2027-04-02", summary: "Priya", description: where("Contacts") },
    { uid: "test-contacts-people-2-when@comeback", date: "2027-04-03", summary: "Who to ask, row 2", description: where("Contacts") },
  ]);
  assert.deepStrictEqual(plain(plan.eventsOf(course(), {})), []);
});
