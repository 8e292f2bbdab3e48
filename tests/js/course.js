// A small course as course-data.js gives it to the browser (see plugins/comeback/browser/
// course_data.py), and stored answers as worksheets.js keeps them.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const REPO = path.join(__dirname, "..", "..");
const VENV = path.join(REPO, ".venv", "bin", "python");

// The browser's messages of a catalogue (plugins/comeback/core/messages), as course-data.js gives
// them: read by the engine's own core/i18n.py, which needs nothing but PyYAML.
const cached = new Map();
function messages(language = "en") {
  if (!cached.has(language)) {
    const code = "import json, sys; from comeback.core.i18n import messages; print(json.dumps(messages(sys.argv[1]).browser()))";
    const python = fs.existsSync(VENV) ? VENV : "python3";
    const env = { ...process.env, PYTHONPATH: path.join(REPO, "plugins") };
    cached.set(language, JSON.parse(execFileSync(python, ["-c", code, language], { env, encoding: "utf8" })));
  }
  return cached.get(language);
}

function course(language = "en") {
  return {
    site: "test",
    shared: false,
    language,
    messages: messages(language),
    root: "https://example.org/course/",
    worksheets: {
      snapshot: {
        title: "Setback snapshot",
        version: 1,
        page: "start/",
        compare_with: null,
        sections: [
          {
            title: "Where you are",
            fields: [
              { id: "story", type: "long-text", label: "What happened?" },
              { id: "mood", type: "scale", label: "How do you feel?", min: 0, max: 10, min_label: "Very low", max_label: "Very good" },
            ],
          },
        ],
      },
      goals: {
        title: "Goal ladder",
        version: 2,
        page: "lessons/goals/",
        compare_with: null,
        sections: [
          {
            title: "Your goal",
            fields: [
              { id: "goal", type: "text", label: "Your goal", plan: true },
              { id: "start", type: "date", label: "When will you start?", plan: true, calendar: "Start my goal" },
              { id: "steps", type: "list", label: "Three small steps" },
            ],
          },
        ],
      },
      contacts: {
        title: "Contacts",
        version: 1,
        page: "lessons/goals/",
        compare_with: null,
        sections: [
          {
            title: "People",
            fields: [
              {
                id: "people",
                type: "table",
                label: "Who to ask",
                plan: true,
                columns: [
                  { id: "person", type: "text", label: "Person" },
                  { id: "when", type: "date", label: "When" },
                  { id: "done", type: "check", label: "Done" },
                ],
              },
              { id: "kind", type: "choice", label: "Which support?", options: [{ id: "mentor", label: "A mentor" }] },
            ],
          },
        ],
      },
      // Ids from YAML that an object has already: only what is stored may be read for them.
      wins: {
        title: "Wins log",
        version: 1,
        page: "lessons/wins/",
        compare_with: null,
        sections: [
          {
            title: "Wins",
            fields: [
              { id: "constructor", type: "text", label: "A win" },
              { id: "__proto__", type: "text", label: "Another win" },
            ],
          },
        ],
      },
    },
    parts: [
      { title: "Start here", page: "start/", lesson: null, worksheets: ["snapshot"] },
      { title: "Lesson 1: Goals", page: "lessons/goals/", lesson: "goals", worksheets: ["goals", "contacts"] },
      { title: "Lesson 2: Wins", page: "lessons/wins/", lesson: "wins", worksheets: ["wins"] },
    ],
  };
}

// A worksheet's stored answers.
const stored = (worksheet, version, answers, extra = {}) => ({ worksheet, version, saved: "2027-03-01T10:00:00.000Z", answers, ...extra });

module.exports = { course, stored, messages };
