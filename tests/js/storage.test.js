// What stored answers are (answers.js): the shape each type of field saves, whether data is a
// worksheet's answers at all, and what store.js reads back of everything stored.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { load, plain } = require("./browser.js");
const { course, stored } = require("./course.js");

const { answers } = load(["answers.js"], { course: course() });

test("each type of field takes only the shape it saves", () => {
  const good = {
    text: "Ada",
    "long-text": "",
    date: "2027-03-03",
    list: ["one", ""],
    table: [{ person: "Priya", done: true }],
    scale: 7,
    choice: null,
    checklist: ["mentor"],
    tracker: { walk: [1, 3] },
    matrix: [{ name: "Stay", scores: { pay: 4, energy: null } }],
  };
  const bad = {
    text: 7,
    "long-text": null,
    date: ["2027-03-03"],
    list: "one line",
    table: [{ person: 3 }],
    scale: 7.5,
    choice: 2,
    checklist: [true],
    tracker: { walk: ["1"] },
    matrix: [{ name: "Stay", scores: { pay: "4" } }],
  };
  for (const [type, value] of Object.entries(good)) assert.strictEqual(answers.fits(type, value), true, type);
  for (const [type, value] of Object.entries(bad)) assert.strictEqual(answers.fits(type, value), false, type);
  assert.strictEqual(answers.fits("tracker", [{ name: "Walk", days: [2] }]), true, "rows the learner names");
  assert.strictEqual(answers.fits("matrix", { weights: { pay: 3 }, rows: [] }), true, "weights the learner sets");
  assert.strictEqual(answers.fits("matrix", { weights: { pay: 2.5 }, rows: [] }), false);
  assert.strictEqual(answers.fits("no-such-type", "x"), false);
});

test("a worksheet's stored answers have its id, a whole-number version and answers; archived ones are an object", () => {
  assert.strictEqual(answers.flaw(stored("goals", 2, {}), "goals"), "");
  assert.strictEqual(answers.flaw(stored("goals", 0, {}, { archived: {} }), "goals"), "", "an older version");
  assert.strictEqual(answers.flaw(stored("goals", 2, {}), "contacts"), "other");
  assert.strictEqual(answers.flaw(["goals"], "goals"), "other");
  assert.strictEqual(answers.flaw(null, "goals"), "other");
  assert.strictEqual(answers.flaw({ worksheet: "goals", answers: {} }, "goals"), "answers");
  assert.strictEqual(answers.flaw(stored("goals", "2", {}), "goals"), "answers");
  assert.strictEqual(answers.flaw(stored("goals", 2, []), "goals"), "answers");
  assert.strictEqual(answers.flaw(stored("goals", 2, {}, { archived: "old" }), "goals"), "archived");
});

test("a wrong shape is damage only within one version", () => {
  const goals = course().worksheets.goals;
  assert.strictEqual(answers.misfit(goals, stored("goals", 2, { goal: "Lead a team" })), undefined);
  assert.strictEqual(plain(answers.misfit(goals, stored("goals", 2, { goal: "Lead a team", steps: "one line" }))).id, "steps");
  assert.strictEqual(answers.misfit(goals, stored("goals", 1, { steps: "one line" })), undefined);
  assert.strictEqual(answers.misfit(goals, stored("goals", 2, { "not-a-field": 7 })), undefined);
});

test('"constructor" and "__proto__" read only what is stored', () => {
  const wins = course().worksheets.wins;
  assert.deepStrictEqual(plain(answers.answered(wins, stored("wins", 1, {}))), { answered: 0, of: 2, extra: 0 });
  assert.strictEqual(answers.misfit(wins, stored("wins", 1, {})), undefined);
  const data = JSON.parse('{"worksheet": "wins", "version": 1, "answers": {"__proto__": "A win", "constructor": 5}}');
  assert.deepStrictEqual(plain(answers.answered(wins, data)), { answered: 1, of: 2, extra: 0 }); // 5 is no text: not an answer of today
  assert.strictEqual(plain(answers.misfit(wins, data)).id, "constructor");
  assert.strictEqual(answers.own({}, "constructor"), undefined);
  assert.strictEqual(answers.own(JSON.parse('{"__proto__": 1}'), "__proto__"), 1);
});

test("an answer says something unless every part of it is empty or unticked", () => {
  for (const empty of [null, undefined, "", false, [], {}, ["", ""], [{ person: "", done: false }], { walk: [] }]) {
    assert.strictEqual(answers.filled(empty), false, JSON.stringify(empty));
  }
  for (const said of ["x", 0, true, ["", "x"], [{ person: "", done: true }], { walk: [2] }]) {
    assert.strictEqual(answers.filled(said), true, JSON.stringify(said));
  }
});

test("a stored date reads as a date; text that is not a real day stays as it is", () => {
  assert.ok(answers.parseDay("2028-02-29"));
  for (const text of ["2027-02-29", "2027-13-01", "3 March 2027", "", undefined]) assert.strictEqual(answers.parseDay(text), null, text);
  const shown = answers.day("2027-03-03");
  assert.match(shown, /2027/);
  assert.match(shown, /3/);
  assert.doesNotMatch(shown, /2027-03-03/);
  assert.strictEqual(answers.day("2027-02-30"), "2027-02-30");
});

test("store.all gives this site's worksheets' answers, and only those", () => {
  const prefix = "comeback:test:";
  const local = {
    [`${prefix}ws:goals`]: JSON.stringify(stored("goals", 2, { goal: "Mine" })),
    [`${prefix}ws:goals:corrupt:1700000000000`]: JSON.stringify(stored("goals", 2, {})),
    [`${prefix}ws:contacts`]: "{ not json",
    [`${prefix}ws:wins`]: JSON.stringify(stored("goals", 2, {})), // another worksheet's answers
    [`${prefix}ws:other`]: JSON.stringify({ kept: true }),
    [`${prefix}ws:constructor`]: JSON.stringify(stored("constructor", 1, { a: "b" })),
    [`${prefix}last`]: JSON.stringify({ worksheet: "goals" }),
    "comeback:another-site:ws:goals": JSON.stringify(stored("goals", 2, { goal: "Not mine" })),
  };
  const { store } = load(["answers.js", "store.js"], { course: course(), local });
  const all = plain(store.all());
  assert.deepStrictEqual(Object.keys(all).sort(), ["constructor", "goals"]);
  assert.strictEqual(all.goals.answers.goal, "Mine");
  assert.deepStrictEqual(plain(store.noted("last")), { worksheet: "goals" });
});

test("on a shared computer store.all reads the session's answers only", () => {
  const key = "comeback:test:ws:goals";
  const local = { [key]: JSON.stringify(stored("goals", 2, { goal: "At home" })) };
  const session = { [key]: JSON.stringify(stored("goals", 2, { goal: "In the library" })), "comeback:test:shared-computer": "on" };
  const { store } = load(["answers.js", "store.js"], { course: course(), local, session });
  assert.strictEqual(store.shared(), true);
  assert.strictEqual(plain(store.all()).goals.answers.goal, "In the library");
});

test("a file to load is read whole, and refused when it is too large, not JSON, or nested too deep", async () => {
  const file = (text, size = text.length) => ({ size, text: async () => text });
  const good = JSON.stringify(stored("goals", 2, { goal: "Mine" }));
  assert.deepStrictEqual(plain(await answers.readCopy(file(good))), { data: JSON.parse(good) });
  assert.match((await answers.readCopy(file(good, 17 * 1024 * 1024))).why, /larger than 16 MB/);
  assert.match((await answers.readCopy(file("{ not json"))).why, /not a copy of your answers/);
  const deep = JSON.stringify(stored("goals", 2, { steps: JSON.parse("[".repeat(20) + "]".repeat(20)) }));
  assert.match((await answers.readCopy(file(deep))).why, /nested deeper/);
  const hostile = "[".repeat(100000) + "]".repeat(100000); // deeper than a recursive walk could go
  assert.match((await answers.readCopy(file(hostile))).why, /nested deeper/);
});
