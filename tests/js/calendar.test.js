// The calendar file (calendar.js): an iCalendar file (RFC 5545) of all-day events.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { load } = require("./browser.js");
const { course } = require("./course.js");

const { calendar } = load(["answers.js", "calendar.js"], { course: course() });
const NOW = new Date("2027-03-01T09:30:15.123Z");
const event = (date, summary = "Call Sam", extra = {}) => ({ uid: `test-${date}@comeback`, date, summary, description: "From your plan.", ...extra });
// The file's lines, unfolded (a line break followed by a space continues the line before it).
const unfolded = (file) => file.replace(/\r\n /g, "").split("\r\n");

test("each dated step is an all-day event, and the file ends its lines with CRLF", () => {
  const file = calendar.ics([event("2027-12-31")], NOW);
  assert.ok(file.endsWith("END:VCALENDAR\r\n"));
  assert.doesNotMatch(file.replace(/\r\n/g, ""), /[\r\n]/);
  const lines = unfolded(file);
  assert.deepStrictEqual(lines.slice(0, 5), ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Comeback//My plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]);
  assert.deepStrictEqual(lines.slice(5, 14), [
    "BEGIN:VEVENT",
    "UID:test-2027-12-31@comeback",
    "DTSTAMP:20270301T093015Z",
    "DTSTART;VALUE=DATE:20271231",
    "DTEND;VALUE=DATE:20280101", // the next day: the end is not part of the event
    "SUMMARY:Call Sam",
    "DESCRIPTION:From your plan.",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
  ]);
});

test("a date that is not a real day is left out, and with no real date there is no file", () => {
  const file = calendar.ics([event("2027-02-30"), event("soon"), event("2028-02-29")], NOW);
  assert.strictEqual(file.match(/BEGIN:VEVENT/g).length, 1);
  assert.match(file, /DTSTART;VALUE=DATE:20280229/);
  assert.strictEqual(calendar.ics([event("2027-02-30"), event("")], NOW), null);
  assert.strictEqual(calendar.ics([], NOW), null);
});

test("text escapes backslashes, semicolons, commas and line breaks", () => {
  const file = calendar.ics([event("2027-03-03", "Ask Priya; then Sam, maybe\\later\r\nor not\nat all")], NOW);
  assert.ok(unfolded(file).includes("SUMMARY:Ask Priya\\; then Sam\\, maybe\\\\later\\nor not\\nat all"));
});

test("a line over 75 octets is folded, never inside a character", () => {
  const summary = "Énergie ".repeat(12) + "🙂".repeat(30); // two-byte and four-byte characters
  const file = calendar.ics([event("2027-03-03", summary)], NOW);
  const physical = file.split("\r\n");
  for (const line of physical) assert.ok(Buffer.byteLength(line, "utf8") <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
  assert.ok(physical.some((line) => line.startsWith(" ")), "the summary was folded");
  // No character was cut in two: each line is whole text in UTF-8 (half an emoji would not be).
  for (const line of physical) assert.strictEqual(Buffer.from(line, "utf8").toString("utf8"), line);
  assert.ok(unfolded(file).includes(`SUMMARY:${summary}`));
  assert.strictEqual(calendar.fold("x".repeat(75)), "x".repeat(75));
  assert.strictEqual(calendar.fold("x".repeat(76)), `${"x".repeat(75)}\r\n x`);
});
