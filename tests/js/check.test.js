// Checking a file before Load everything (data.js): a copy of everything ("comeback-answers") or of
// one worksheet; what it may load, what it leaves out, and why it is refused.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { load, plain } = require("./browser.js");
const { course, stored } = require("./course.js");

const { data } = load(["answers.js", "store.js", "data.js"], { course: course() });
const everything = (worksheets, version = 1) => ({ format: "comeback-answers", version, site: "test", saved: "2027-03-01T10:00:00.000Z", worksheets });
const check = (file) => plain(data.check(file, course()));

test("a copy of everything loads each worksheet of this course, and leaves out the ones it does not have", () => {
  const snapshot = stored("snapshot", 1, { story: "What happened" });
  const goals = stored("goals", 1, { steps: "one line, once" }); // an older version: its shapes may differ
  const result = check(everything({ snapshot, goals, retired: stored("retired", 1, {}) }));
  assert.deepStrictEqual(result, { entries: [["snapshot", snapshot], ["goals", goals]], skipped: ["retired"], problems: [] });
});

test("a copy of one worksheet, as its Save a copy writes it, loads too", () => {
  const contacts = stored("contacts", 1, { kind: "mentor" }, { archived: { old: { version: 1, value: "x" } } });
  assert.deepStrictEqual(check(contacts), { entries: [["contacts", contacts]], skipped: [], problems: [] });
});

test("a file from a newer version of the course or of a worksheet is refused", () => {
  assert.deepStrictEqual(check(everything({}, 2)).problems, [
    "it was saved by a newer version of this course; load it on the site it came from, or update this one",
  ]);
  assert.deepStrictEqual(check(stored("goals", 3, {})).problems, [
    'the answers for "Goal ladder" come from a newer version of that worksheet than this site has',
  ]);
});

test("one damaged worksheet refuses the whole file, and says which", () => {
  const result = check(
    everything({
      goals: stored("goals", 2, { goal: "Fine" }),
      contacts: stored("contacts", 1, { people: "one line" }),
      wins: { worksheet: "snapshot", version: 1, answers: {} },
      snapshot: stored("snapshot", 1, {}, { archived: ["old"] }),
    }),
  );
  assert.deepStrictEqual(result.problems, [
    'the answer to "Who to ask" in "Contacts" has the wrong shape',
    'the answers for "Wins log" are damaged',
    'the earlier answers kept for "Setback snapshot" are damaged',
  ]);
});

test("a file that is not a copy of answers, or holds none for this course, is refused", () => {
  const none = "it is not a copy of your answers saved from this course";
  for (const file of [null, [], "text", { answers: {} }, { worksheet: 7 }]) assert.deepStrictEqual(check(file).problems, [none], JSON.stringify(file));
  assert.deepStrictEqual(check({ format: "comeback-answers", version: 1 }).problems, ["its list of worksheets is missing"]);
  assert.deepStrictEqual(check(everything({})).problems, ["it holds no answers for the worksheets of this course"]);
  assert.deepStrictEqual(check(everything({ retired: stored("retired", 1, {}) })).problems, ["it holds no answers for the worksheets of this course"]);
});

test('a worksheet or field id such as "constructor" or "__proto__" reads only what the file holds', () => {
  const file = JSON.parse(
    '{"format": "comeback-answers", "version": 1, "worksheets": {"__proto__": {"worksheet": "__proto__", "version": 1, "answers": {}},' +
      ' "constructor": {"worksheet": "constructor", "version": 1, "answers": {}},' +
      ' "wins": {"worksheet": "wins", "version": 1, "answers": {"__proto__": 5}}}}',
  );
  const result = check(file);
  assert.deepStrictEqual(result.skipped, ["__proto__", "constructor"]);
  assert.deepStrictEqual(result.problems, ['the answer to "Another win" in "Wins log" has the wrong shape']);
});
