// Comeback calendar: dated steps as an iCalendar file (RFC 5545) that the learner adds to their own
// calendar. Made in the browser from the answers in it: nothing is sent anywhere. A classic script
// with no imports, after answers.js (which reads dates); plan.js gives it the events.
//
// An event is {uid, date: "YYYY-MM-DD", summary, description}: an all-day event on that date. Its
// uid stays the same from one file to the next, so importing a newer file updates the event in most
// calendars instead of adding it twice.
(() => {
  if (window.comeback.calendar) return;
  const { parseDay, t } = window.comeback.answers;

  const compact = (date) => date.toISOString().slice(0, 10).replaceAll("-", "");

  // TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545, 3.3.11), and hold
  // no other control character (3.3.11's CONTROL: a bare CR from a loaded file would end the line
  // early in some calendars). A line break is CRLF, LF or a bare CR.
  const text = (value) =>
    String(value)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");

  // Lines longer than 75 octets are folded: a line break and one space (RFC 5545, 3.1), never inside
  // a character.
  function fold(line) {
    const encoder = new TextEncoder();
    const parts = [];
    let current = "";
    let octets = 0;
    for (const char of line) {
      const size = encoder.encode(char).length;
      if (octets + size > (parts.length ? 74 : 75)) {
        parts.push(current);
        current = "";
        octets = 0;
      }
      current += char;
      octets += size;
    }
    parts.push(current);
    return parts.join("\r\n ");
  }

  // The file's text, or null when no event has a real date (a day that is not in the calendar is left out).
  function ics(events, now = new Date()) {
    const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${t("plan.prodid")}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    let count = 0;
    for (const event of events) {
      const start = parseDay(event.date);
      if (!start) continue;
      const end = new Date(start.getTime() + 864e5);
      lines.push(
        "BEGIN:VEVENT",
        `UID:${text(event.uid)}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${compact(start)}`,
        `DTEND;VALUE=DATE:${compact(end)}`,
        `SUMMARY:${text(event.summary)}`,
        `DESCRIPTION:${text(event.description)}`,
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      );
      count++;
    }
    lines.push("END:VCALENDAR");
    return count ? lines.map(fold).join("\r\n") + "\r\n" : null;
  }

  window.comeback.calendar = { ics, fold };
})();
