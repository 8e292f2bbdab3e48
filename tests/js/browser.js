// The site's browser scripts, loaded for the tests in this folder (node --test, nothing from npm).
// They are classic scripts, so they are run as a browser runs them: one after another in one global
// scope (a node:vm context), here with a stand-in for the window that has just enough for them to
// start (no page is ever shown: document$ is absent and the document stays "loading").
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ASSETS = path.join(__dirname, "..", "..", "plugins", "comeback", "browser", "assets");

// localStorage and sessionStorage: the Web Storage methods the scripts use, over a Map.
function storage(entries = {}) {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

// The window after running `scripts` (file names in the assets folder) with `course` as
// comebackCourse and `local`, `session` ({key: text}) as what the browser stores.
function load(scripts, { course, local = {}, session = {} } = {}) {
  const nothing = () => {};
  const window = vm.createContext({
    comebackCourse: course,
    document: { readyState: "loading", addEventListener: nothing, dispatchEvent: nothing },
    addEventListener: nothing,
    localStorage: storage(local),
    sessionStorage: storage(session),
    navigator: {},
    TextEncoder,
  });
  vm.runInContext("window = globalThis", window);
  for (const name of scripts) {
    const file = path.join(ASSETS, name);
    vm.runInContext(fs.readFileSync(file, "utf8"), window, { filename: file });
  }
  return window.comeback;
}

// What a script returns, as plain data of this realm (its objects come from the context's own
// Object and Array, which deepStrictEqual tells apart from ours).
const plain = (value) => JSON.parse(JSON.stringify(value));

module.exports = { load, plain };
