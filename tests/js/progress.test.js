// The progress rule (progress.js): a worksheet is filled in once at least half its questions have an
// answer; a lesson is done when all its worksheets are, in progress once any question has an
// answer; the course is done when every lesson is.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { load, plain } = require("./browser.js");
const { course, stored } = require("./course.js");

const { progress } = load(["answers.js", "store.js", "progress.js"], { course: course() });
const statuses = (state) => plain(state.lessons.map((lesson) => [lesson.lesson, lesson.status, lesson.filled, lesson.of]));

test("with nothing stored, no lesson is started and the course is not finished", () => {
  const state = progress.progressOf(course(), {});
  assert.deepStrictEqual(statuses(state), [["goals", "not-started", 0, 2], ["wins", "not-started", 0, 1]]);
  assert.strictEqual(state.done, 0);
  assert.strictEqual(state.finished, false);
  assert.strictEqual(state.last, null);
});

test("a lesson with one of its two worksheets half answered is in progress", () => {
  const state = progress.progressOf(course(), { contacts: stored("contacts", 1, { kind: "mentor" }) });
  assert.deepStrictEqual(statuses(state)[0], ["goals", "in-progress", 1, 2]);
});

test("a worksheet with less than half its questions answered is started, not filled in", () => {
  const state = progress.progressOf(course(), { goals: stored("goals", 2, { goal: "Lead a team", start: "", steps: ["", ""] }) });
  assert.deepStrictEqual(statuses(state)[0], ["goals", "in-progress", 0, 2]);
});

test("answers that say nothing do not start a lesson", () => {
  const empty = { people: [{ person: "", when: "", done: false }], kind: null };
  const state = progress.progressOf(course(), { contacts: stored("contacts", 1, empty) });
  assert.deepStrictEqual(statuses(state)[0], ["goals", "not-started", 0, 2]);
});

test("a lesson is done when each of its worksheets is at least half answered, the course when every lesson is", () => {
  const answers = {
    goals: stored("goals", 2, { goal: "Lead a team", steps: ["Ask Sam"] }),
    contacts: stored("contacts", 1, { people: [{ person: "Priya", when: "", done: false }] }),
  };
  let state = progress.progressOf(course(), answers);
  assert.deepStrictEqual(statuses(state), [["goals", "done", 2, 2], ["wins", "not-started", 0, 1]]);
  assert.strictEqual(state.finished, false);

  answers.wins = stored("wins", 1, JSON.parse('{"constructor": "Finished the course"}'));
  state = progress.progressOf(course(), answers);
  assert.deepStrictEqual(statuses(state), [["goals", "done", 2, 2], ["wins", "done", 1, 1]]);
  assert.strictEqual(state.done, 2);
  assert.strictEqual(state.finished, true);
});

test('a field named "constructor" or "__proto__" counts only an answer that is stored', () => {
  const state = progress.progressOf(course(), { wins: stored("wins", 1, {}) });
  assert.deepStrictEqual(statuses(state)[1], ["wins", "not-started", 0, 1]);
  const proto = progress.progressOf(course(), { wins: stored("wins", 1, JSON.parse('{"__proto__": "A win"}')) });
  assert.deepStrictEqual(statuses(proto)[1], ["wins", "done", 1, 1]); // one of its two questions: half
});

test("answers to questions the worksheet no longer has do not count", () => {
  const state = progress.progressOf(course(), { wins: stored("wins", 1, { "old-question": "An old answer" }) });
  assert.deepStrictEqual(statuses(state)[1], ["wins", "not-started", 0, 1]);
});

test("the worksheet changed last leads back to its page and part; one no longer in the course to nothing", () => {
  const state = progress.progressOf(course(), {}, { worksheet: "contacts", at: "2027-03-01T10:00:00.000Z" });
  assert.deepStrictEqual(plain(state.last), {
    id: "contacts",
    title: "Contacts",
    page: "lessons/goals/",
    part: course().parts[1],
  });
  assert.strictEqual(progress.progressOf(course(), {}, { worksheet: "retired" }).last, null);
  assert.strictEqual(progress.progressOf(course(), {}, { worksheet: "constructor" }).last, null);
});

test("a course without lessons is never finished", () => {
  const noLessons = { ...course(), parts: [course().parts[0]] };
  assert.strictEqual(progress.progressOf(noLessons, {}).finished, false);
});

test("optional questions are offered, not asked for: they start a worksheet but never count towards filling it in", () => {
  const withOptional = course();
  const fields = withOptional.worksheets.wins.sections[0].fields;
  fields.push(
    { id: "shadow", type: "text", label: "A day shadowing", optional: true },
    { id: "volunteer", type: "text", label: "Volunteering", optional: true },
    { id: "extra", type: "text", label: "Anything else", optional: true },
  );
  const onlyOptional = progress.progressOf(withOptional, { wins: stored("wins", 1, { shadow: "Ana", volunteer: "Food bank", extra: "More" }) });
  assert.deepStrictEqual(statuses(onlyOptional)[1], ["wins", "in-progress", 0, 1]);
  // One of the two questions it asks for is half of them, though it is one of five fields in all.
  const asked = progress.progressOf(withOptional, { wins: stored("wins", 1, JSON.parse('{"constructor": "Sent my CV"}')) });
  assert.deepStrictEqual(statuses(asked)[1], ["wins", "done", 1, 1]);
});
