// What the learner's answers become in the files they take away: a document (Markdown) where each
// answer stays text, whatever it holds, read back by a CommonMark renderer (markdown-it-py, the
// engine's own), and a calendar file whose text holds no control character.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const fs = require("node:fs");
const { load } = require("./browser.js");
const { course, stored } = require("./course.js");

const REPO = path.join(__dirname, "..", "..");
const VENV = path.join(REPO, ".venv", "bin", "python");

// The HTML a CommonMark renderer makes of `markdown`.
function rendered(markdown) {
  const code = "import sys; from markdown_it import MarkdownIt; sys.stdout.write(MarkdownIt('commonmark').render(sys.stdin.read()))";
  return execFileSync(fs.existsSync(VENV) ? VENV : "python3", ["-c", code], { input: markdown, encoding: "utf8" });
}
const text = (html) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

// Answers a learner may well write, each of which Markdown would read as something else.
const TRICKY = [
  "Email <Sam> & ask",
  "# Not a heading",
  "> not a quote",
  "- not a list",
  "* not a list either",
  "+ nor this",
  "1. not numbered",
  "2) nor this",
  "```",
  "a *star*, an _underscore_, a `tick`, [a link](https://example.org), ~~struck~~ and a \\ backslash",
  "&amp; stays as typed, &#169; too",
  "---",
  "    four spaces in",
  "<b>bold?</b>",
];

const { answers } = load(["answers.js"], { course: course() });

test("an answer in a document stays text: alone, in a list, and across lines", () => {
  for (const answer of TRICKY) {
    const html = rendered(answers.asMarkdown("Label", [answer]).join("\n"));
    assert.strictEqual(text(html), `Label ${answer.trim()}`, `${answer} => ${html}`);
    assert.doesNotMatch(html, /<(h\d|blockquote|ul|ol|li|pre|code|em|a|b|hr)\b/, answer);
  }
  const html = rendered(answers.asMarkdown("Label", TRICKY).join("\n"));
  assert.strictEqual(text(html), `Label ${TRICKY.map((a) => a.trim()).join(" ")}`);
  assert.strictEqual((html.match(/<li>/g) ?? []).length, TRICKY.length, html);
  assert.doesNotMatch(html, /<(h\d|blockquote|ol|pre|code|em|a|b|hr)\b/);
  const lines = "First line\n# second line\r\n- third\n\n> fourth";
  for (const shown of [[lines], [lines, "another"]]) {
    const html = rendered(answers.asMarkdown("Label", shown).join("\n"));
    assert.strictEqual(text(html), `Label ${shown.join(" ").replace(/\s+/g, " ")}`, html);
    assert.doesNotMatch(html, /<(h\d|blockquote|pre)\b/);
    if (shown.length > 1) assert.strictEqual((html.match(/<li>/g) ?? []).length, 2, html);
  }
});

test("My plan's document and the document of everything keep answers as text", () => {
  const local = { "comeback:test:ws:goals": JSON.stringify(stored("goals", 2, { goal: "# Lead <the> team", steps: ["- one", "2. two"] })) };
  const { plan, data } = load(["answers.js", "store.js", "calendar.js", "plan.js", "data.js"], { course: course(), local });
  const planText = plan.markdown(plan.planOf(course(), { goals: stored("goals", 2, { goal: "# Lead <the> team" }) }));
  assert.match(text(rendered(planText)), /Your goal # Lead <the> team/);
  const all = rendered(data.markdown());
  assert.match(text(all), /Your goal # Lead <the> team Three small steps - one 2\. two/);
  assert.strictEqual((all.match(/<h1>/g) ?? []).length, 1);
});

test("the calendar's text keeps line breaks as \\n and drops every other control character", () => {
  const { calendar } = load(["answers.js", "calendar.js"], { course: course() });
  const summary = "Call\rSam\r\nthen\nAisha\u0000\u0007\u001b\u007f; done\tnow";
  const file = calendar.ics([{ uid: "x@comeback", date: "2027-03-03", summary, description: "From\ryour plan" }], new Date("2027-03-01T00:00:00Z"));
  const lines = file.replace(/\r\n /g, "").split("\r\n");
  assert.ok(lines.includes("SUMMARY:Call\\nSam\\nthen\\nAisha\\; done\tnow"), lines.join("\n"));
  assert.ok(lines.includes("DESCRIPTION:From\\nyour plan"));
  assert.doesNotMatch(file.replace(/\r\n/g, ""), /[\u0000-\u0008\u000a-\u001f\u007f]/);
});
